package dev.larkee.dispatch;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Settles dispatches whose deadline passed, from one thread, every {@value #TICK_MS} ms. Every
 * dispatch has the same deadline, so arrival order is deadline order: a queue replaces a timer per
 * callback (a scheduled task, its cancellation and a lock for each one), and the watch only ever
 * looks at its head. Settled entries are dropped as the head reaches them; they hold no payload.
 */
final class DeadlineWatch implements Runnable {

    private static final Logger LOG = Logger.getLogger(DeadlineWatch.class.getName());

    /** How often the head is checked: the fallback leaves at most this much after the deadline. */
    static final long TICK_MS = 5;

    private final Queue<PendingDispatch> pending = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private volatile Thread thread;

    void watch(PendingDispatch dispatch) {
        pending.add(dispatch);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        while (running) {
            try {
                expireDue(System.nanoTime());
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "larkee: the deadline watch failed on one dispatch; it goes on", e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MS));
        }
    }

    /** Settles every dispatch due at {@code now}; returns how many it expired. */
    int expireDue(long now) {
        int expired = 0;
        PendingDispatch head;
        while ((head = pending.peek()) != null) {
            if (!head.settled() && head.deadlineNanos() - now > 0) {
                break;
            }
            pending.poll();
            if (!head.settled()) {
                head.expire();
                expired++;
            }
        }
        return expired;
    }

    void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
        // Nothing may wait forever on a deadline that will no longer be watched.
        PendingDispatch p;
        while ((p = pending.poll()) != null) {
            p.expire();
        }
    }

    int size() {
        return pending.size();
    }
}
