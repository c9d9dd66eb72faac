package dev.larkee.dispatch;

import dev.larkee.callback.Callback;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A callback on its way through the observers. It settles exactly once: with the observers'
 * outcome, or with the fallback when the deadline passes first. A reply that comes after the
 * fallback was sent is logged and counted. Transports either {@link #await()} it (webhook) or
 * register {@link #whenSettled(Consumer)} (long connection).
 */
public final class PendingDispatch {

    private static final Logger LOG = Logger.getLogger(PendingDispatch.class.getName());

    private final String type;
    private final String id;
    private final String deduplicationKey;
    private final boolean isCallback;
    private final long startNanos;
    private final long deadlineMs;
    private final DispatchStatistics statistics;
    private final DeadlineWatch deadlines;
    private final DeliveredEvents delivered;
    private final CompletableFuture<DispatchResult> result = new CompletableFuture<>();
    /** What the platform gets when the deadline passes: {@code {}}, or the configured toast for card actions. */
    private final String fallbackJson;
    /** Where a reply that missed the deadline goes (a card action's card: a later update); null for none. */
    private final BiConsumer<Callback<?>, Object> lateReply;
    private final Runnable markAnswered;

    PendingDispatch(Callback<?> callback, String deduplicationKey, boolean isCallback, long startNanos, long deadlineMs,
            DispatchStatistics statistics, DeadlineWatch deadlines, DeliveredEvents delivered) {
        this(callback, deduplicationKey, isCallback, startNanos, deadlineMs, statistics, deadlines, delivered,
                isCallback ? DispatchResult.EMPTY_REPLY : null, null);
    }

    PendingDispatch(Callback<?> callback, String deduplicationKey, boolean isCallback, long startNanos, long deadlineMs,
            DispatchStatistics statistics, DeadlineWatch deadlines, DeliveredEvents delivered, String fallbackJson,
            BiConsumer<Callback<?>, Object> lateReply) {
        // Only what logs need: a settled dispatch may wait in the deadline watch behind a slow one.
        // Kept raw (this runs per delivery) and escaped only where a log line is built.
        this.type = callback.type();
        this.id = callback.id() == null ? "" : callback.id();
        this.deduplicationKey = deduplicationKey;
        this.isCallback = isCallback;
        this.startNanos = startNanos;
        this.deadlineMs = deadlineMs;
        this.statistics = statistics;
        this.deadlines = deadlines;
        this.delivered = delivered;
        this.fallbackJson = fallbackJson;
        this.lateReply = lateReply;
        this.markAnswered = callback::markAnswered;
        callback.settlement().whenComplete((reply, failure) -> observersDone(callback, reply, failure));
    }

    /**
     * For transports, once the platform has been handed the answer (in time or the fallback): a card
     * update waits for this, since one sent before the answer may be overwritten by it.
     */
    public void markAnswered() {
        markAnswered.run();
    }

    /** Blocks until settled; never longer than the deadline. */
    public DispatchResult await() {
        long remainingNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(deadlineMs) - System.nanoTime();
        try {
            return result.get(Math.max(remainingNanos, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            settleLate();
            return result.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            settleLate();
            return result.join();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The deadline passed: settle with the fallback now, unless the observers already answered. */
    public void expire() {
        settleLate();
    }

    /** Calls {@code then} once settled, on the thread that settles it; the deadline watch settles it at the latest. */
    public void whenSettled(Consumer<DispatchResult> then) {
        if (!result.isDone()) {
            deadlines.watch(this);
        }
        result.thenAccept(then);
    }

    /** When the deadline passes, in {@link System#nanoTime()} terms. */
    long deadlineNanos() {
        return startNanos + TimeUnit.MILLISECONDS.toNanos(deadlineMs);
    }

    boolean settled() {
        return result.isDone();
    }

    void settleUnobserved() {
        settle(DispatchResult.Outcome.UNOBSERVED, isCallback ? DispatchResult.EMPTY_REPLY : null);
    }

    void settleDuplicate(String previousReply) {
        settle(DispatchResult.Outcome.DUPLICATE, previousReply.isEmpty() ? null : previousReply);
    }

    void settleBusy() {
        settle(DispatchResult.Outcome.BUSY, null);
    }

    private void settleLate() {
        if (settle(DispatchResult.Outcome.LATE, fallbackJson)) {
            LOG.warning(() -> "larkee: observers of " + WireText.forLog(type) + " did not answer event '" + WireText.forLog(id)
                    + "' within " + deadlineMs + " ms; sent the fallback reply");
        }
    }

    private boolean settle(DispatchResult.Outcome outcome, String json) {
        DispatchResult r = new DispatchResult(outcome, json, isCallback, id, elapsedMs());
        if (result.complete(r)) {
            statistics.settled(type, outcome, System.nanoTime() - startNanos);
            return true;
        }
        return false;
    }

    private void observersDone(Callback<?> callback, Object reply, Throwable failure) {
        statistics.observersFinished(type, System.nanoTime() - startNanos);
        DispatchResult.Outcome outcome;
        String json = null;
        if (failure != null) {
            outcome = DispatchResult.Outcome.FAILED;
        } else if (reply == Callback.NO_REPLY) {
            outcome = DispatchResult.Outcome.NO_REPLY;
            json = isCallback ? DispatchResult.EMPTY_REPLY : null;
        } else {
            try {
                json = ReplyWriter.write(reply);
                outcome = DispatchResult.Outcome.REPLIED;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "larkee: the reply to event '" + WireText.forLog(id) + "' cannot be written as JSON", e);
                outcome = DispatchResult.Outcome.FAILED;
            }
        }
        if (failure != null) {
            LOG.log(Level.WARNING, "larkee: an observer of " + WireText.forLog(type) + " failed for event '"
                    + WireText.forLog(id) + "'", failure);
        }
        boolean inTime = settle(outcome, json);
        if (outcome == DispatchResult.Outcome.REPLIED || outcome == DispatchResult.Outcome.NO_REPLY) {
            // A re-delivery gets what the platform got the first time: the reply, or the fallback
            // when the reply came too late.
            delivered.remember(deduplicationKey, result.join().replyJson());
        } else {
            delivered.release(deduplicationKey); // failed: a retry runs the observers again
        }
        if (!inTime) {
            statistics.countLateReply(type);
            long elapsed = elapsedMs();
            DispatchResult.Outcome late = outcome;
            LOG.warning(() -> "larkee: late " + late + " for " + WireText.forLog(type) + " event '" + WireText.forLog(id)
                    + "' after " + elapsed + " ms (deadline " + deadlineMs + " ms); the platform already got the fallback");
            if (late == DispatchResult.Outcome.REPLIED && lateReply != null) {
                lateReply.accept(callback, reply);
            }
        }
    }

    private long elapsedMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
