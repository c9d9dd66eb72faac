package dev.larkee.webhook;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs refused requests without letting a flood of bad requests flood the log: at most one line per
 * failed check every {@value #INTERVAL_SECONDS} s, each saying how many like it were left out since.
 */
final class RejectionLog {

    static final long INTERVAL_SECONDS = 10;

    private final Logger log;
    private final long intervalNanos;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RejectionLog(Logger log) {
        this(log, TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS));
    }

    RejectionLog(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
    }

    private static final class Window {
        final AtomicLong openedAt = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong suppressed = new AtomicLong();
    }

    /** Logs {@code line} for {@code check} unless a line for it went out within the interval. Returns whether it did. */
    boolean log(Level level, String check, long nowNanos, Supplier<String> line) {
        Window w = windows.computeIfAbsent(check, k -> new Window());
        long opened = w.openedAt.get();
        if (opened != Long.MIN_VALUE && nowNanos - opened < intervalNanos) {
            w.suppressed.incrementAndGet();
            return false;
        }
        if (!w.openedAt.compareAndSet(opened, nowNanos)) {
            w.suppressed.incrementAndGet();
            return false;
        }
        long left = w.suppressed.getAndSet(0);
        log.log(level, () -> line.get() + (left == 0 ? "" : " (" + left + " more refused for '" + check
                + "' in the last " + TimeUnit.NANOSECONDS.toSeconds(intervalNanos) + " s were not logged)"));
        return true;
    }
}
