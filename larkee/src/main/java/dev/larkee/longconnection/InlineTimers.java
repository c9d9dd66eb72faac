package dev.larkee.longconnection;

import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timer service of larkee's Tyrus sessions. Tyrus 2.1.5 re-arms a session's idle timeout on
 * <em>every</em> message sent or received ({@code TyrusSession.restartIdleTimeoutExecutor}), even
 * when the idle timeout is 0, and inside Payara its container's default is the managed scheduled
 * executor, whose per-task context capture scans the class path with a {@code ServiceLoader}
 * (docs/bench-results.md): about a quarter of the long connection's CPU per acknowledged frame.
 * larkee's sessions always have idle timeout 0 (its own watchdog decides liveness), so Tyrus' task
 * is then scheduled with delay 0 and does nothing; such a task runs at once on the caller instead
 * of waking a timer thread. Tasks with a delay go to one lazily started daemon thread. Plain Java:
 * the benchmark puts the simulator's sessions on it too.
 */
public final class InlineTimers extends ScheduledThreadPoolExecutor {

    public InlineTimers(String threadName) {
        super(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        setRemoveOnCancelPolicy(true);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (delay <= 0 && !isShutdown()) {
            command.run();
            return Done.INSTANCE;
        }
        return super.schedule(command, delay, unit);
    }

    /** An already finished task. */
    private static final class Done implements ScheduledFuture<Object> {
        static final Done INSTANCE = new Done();

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
