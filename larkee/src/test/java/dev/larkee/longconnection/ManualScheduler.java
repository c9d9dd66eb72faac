package dev.larkee.longconnection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A scheduler on a manual clock, for driving timers in unit tests: nothing runs until
 * {@link #advance}. A task that has started cannot be cancelled any more, as with a real
 * scheduler; {@link #advance(long, Consumer)} lets a test act between a task's start and its body
 * (what another thread could do in that instant).
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private long nowMs;
    private long sequence;
    private final List<Task> tasks = new ArrayList<>();

    final class Task implements ScheduledFuture<Object> {
        final long dueMs;
        final long order = sequence++;
        final Runnable body;
        boolean started;
        boolean cancelled;

        Task(long dueMs, Runnable body) {
            this.dueMs = dueMs;
            this.body = body;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueMs - nowMs, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), o.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (started || cancelled) {
                return false;
            }
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return started || cancelled;
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

    long nowMs() {
        return nowMs;
    }

    /** Tasks scheduled and neither started nor cancelled. */
    long pending() {
        return tasks.stream().filter(t -> !t.isDone()).count();
    }

    /** Moves the clock by {@code ms}, running every task that falls due, in due order. */
    void advance(long ms) {
        advance(ms, t -> {
        });
    }

    /** As {@link #advance(long)}, calling {@code beforeBody} for each task after it started and before it runs. */
    void advance(long ms, Consumer<Task> beforeBody) {
        long until = nowMs + ms;
        while (true) {
            Task next = tasks.stream().filter(t -> !t.isDone() && t.dueMs <= until)
                    .min(Comparator.<Task>comparingLong(t -> t.dueMs).thenComparingLong(t -> t.order)).orElse(null);
            if (next == null) {
                break;
            }
            nowMs = Math.max(nowMs, next.dueMs);
            next.started = true;
            beforeBody.accept(next);
            next.body.run();
        }
        nowMs = until;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task t = new Task(nowMs + Math.max(0, unit.toMillis(delay)), command);
        tasks.add(t);
        return t;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
