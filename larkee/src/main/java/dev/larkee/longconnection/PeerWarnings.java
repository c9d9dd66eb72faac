package dev.larkee.longconnection;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Warnings the platform's side can trigger once per frame (a garbage frame, an unknown type, a
 * bad {@code sum}/{@code seq}, a dropped fragment, a payload that is no UTF-8 JSON, a bad pong), so
 * that a flood of bad frames cannot flood the log: at most one line per {@link Kind} every
 * {@value #INTERVAL_SECONDS} s, each saying how many like it were left out since. The same idea as
 * the webhook's rejection log. Wire values in the lines must already be escaped
 * ({@code WireText.forLog}). Thread-safe.
 */
final class PeerWarnings {

    static final long INTERVAL_SECONDS = 10;

    /** What went wrong; the kinds are fixed, so the state kept is bounded. */
    enum Kind {
        BAD_FRAME("unreadable frames"),
        UNKNOWN_TYPE("data frames of unknown type"),
        BAD_SUM_SEQ("frames with bad sum/seq"),
        DROPPED_MESSAGE("dropped messages"),
        NOT_JSON("payloads that are no UTF-8 JSON object"),
        UNKNOWN_CALLBACK("payloads larkee does not know"),
        BAD_PONG("bad pongs"),
        BAD_CLIENT_CONFIG("ignored ClientConfig values"),
        NOT_DISPATCHED("messages that could not be dispatched"),
        NOT_SENT("acks or pings not sent");

        final String plural;

        Kind(String plural) {
            this.plural = plural;
        }
    }

    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    // Guarded by this.
    private final Map<Kind, long[]> windows = new EnumMap<>(Kind.class); // {opened at, left out}

    PeerWarnings(Logger log) {
        this(log, TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS), System::nanoTime);
    }

    /** For tests: the interval and a {@link System#nanoTime()}-like clock. */
    PeerWarnings(Logger log, long intervalNanos, LongSupplier nanoClock) {
        this.log = log;
        this.intervalNanos = intervalNanos;
        this.nanoClock = nanoClock;
    }

    /** Logs {@code line} at WARNING unless a line of this kind went out within the interval. Returns whether it did. */
    boolean warn(Kind kind, Supplier<String> line) {
        return warn(kind, null, line);
    }

    /** As {@link #warn(Kind, Supplier)}, with {@code failure}'s stack trace on the line that is logged. */
    boolean warn(Kind kind, Throwable failure, Supplier<String> line) {
        long leftOut;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            long[] w = windows.get(kind);
            if (w != null && now - w[0] < intervalNanos) {
                w[1]++;
                return false;
            }
            leftOut = w == null ? 0 : w[1];
            windows.put(kind, new long[] {now, 0});
        }
        log.log(Level.WARNING, failure, () -> line.get() + (leftOut == 0 ? "" : " (" + leftOut + " more " + kind.plural
                + " in the last " + TimeUnit.NANOSECONDS.toSeconds(intervalNanos) + " s were not logged)"));
        return true;
    }
}
