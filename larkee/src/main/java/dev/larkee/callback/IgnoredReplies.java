package dev.larkee.callback;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Says that a reply was ignored because another observer replied first: at most one line every
 * {@value #INTERVAL_SECONDS} s, since it happens per delivery once two observers both reply.
 */
final class IgnoredReplies {

    private static final Logger LOG = Logger.getLogger(Callback.class.getName());
    static final long INTERVAL_SECONDS = 10;
    private static final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS));
    private static final AtomicLong ignored = new AtomicLong();

    private IgnoredReplies() {
    }

    static void log(Callback<?> callback) {
        long n = ignored.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS) && lastLogged.compareAndSet(last, now)) {
            LOG.info(() -> "larkee: a second reply to " + callback.getClass().getSimpleName()
                    + " was ignored; the first observer's reply is the one sent (" + n + " ignored since start)");
        }
    }
}
