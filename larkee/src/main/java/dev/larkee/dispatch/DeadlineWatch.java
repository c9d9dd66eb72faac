package dev.larkee.dispatch;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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
    private final Executor fallbacks;
    private volatile boolean running = true;
    private volatile Thread thread;

    /**
     * @param fallbacks where expired dispatches are settled: settling runs the transport's answer
     *                  (a JAX-RS resume writes the HTTP response), and one slow client must not hold
     *                  up every other fallback behind it on this thread
     */
    DeadlineWatch(Executor fallbacks) {
        this.fallbacks = fallbacks;
    }

    /** Same-thread settling: for tests. */
    DeadlineWatch() {
        this(Runnable::run);
    }

    void watch(PendingDispatch dispatch) {
        pending.add(dispatch);
        if (!running) {
            // Registered after stop (undeploy): nothing would ever expire it, so settle it now.
            drain();
        }
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
                PendingDispatch due = head;
                try {
                    fallbacks.execute(due::expire);
                } catch (RejectedExecutionException e) {
                    due.expire(); // the pool is gone or full: late on this thread beats never
                }
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
        drain();
    }

    /** Nothing may wait forever on a deadline that will no longer be watched. */
    private void drain() {
        PendingDispatch p;
        while ((p = pending.poll()) != null) {
            p.expire();
        }
    }

    int size() {
        return pending.size();
    }
}
