package dev.larkee.standalone;

import dev.larkee.longconnection.FrameCodec;
import dev.larkee.simulator.CallbackPayloads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Synthetic load: {@code count} {@code card.action.trigger} callbacks pushed at a steady rate over
 * the long connection, then a wait for their acks, summarised as a {@link LoadReport}.
 */
public final class LoadRun {

    private LoadRun() {
    }

    /**
     * @param rate   messages per second; the sends are paced by deadline, so a late one does not shift the rest
     * @param settle how long to wait for outstanding acks after the last send (cover every re-delivery:
     *               redelivery timeout × max attempts)
     */
    public static LoadReport run(StandaloneSimulator simulator, String verificationToken, int count, double rate,
            Duration settle) throws InterruptedException {
        if (count < 1 || rate <= 0) {
            throw new IllegalArgumentException("count must be positive and rate above 0");
        }
        DeliveryStats before = simulator.stats().delivery();
        List<Long> latenciesNanos = Collections.synchronizedList(new ArrayList<>(count));
        AtomicLong lastAckNanos = new AtomicLong();
        // The recording steps, not the acks themselves: once all are done, every latency is in the list.
        List<CompletableFuture<Void>> recorded = new ArrayList<>(count);
        long periodNanos = (long) (1e9 / rate);
        CallbackPayloads payloads = new CallbackPayloads(simulator.appId(), verificationToken);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * periodNanos;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait); // pacing, not waiting for a condition
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            String json = payloads.cardAction(JsonSupport.object().add("action", "load").add("n", i).build()).toString();
            recorded.add(simulator.send(FrameCodec.EVENT, json).ack().thenAccept(a -> {
                latenciesNanos.add(a.sinceFirstSend().toNanos());
                lastAckNanos.accumulateAndGet(System.nanoTime(), Math::max);
            }));
        }
        try {
            CompletableFuture.allOf(recorded.toArray(CompletableFuture[]::new)).get(settle.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException someLost) {
            // Counted below: an abandoned message fails its future, a late one is simply not done.
        }
        long end = lastAckNanos.get() != 0 ? lastAckNanos.get() : System.nanoTime();
        DeliveryStats after = simulator.stats().delivery();
        List<Long> sorted;
        synchronized (latenciesNanos) {
            sorted = new ArrayList<>(latenciesNanos);
        }
        Collections.sort(sorted);
        long acked = sorted.size();
        Duration elapsed = Duration.ofNanos(Math.max(1, end - start));
        return new LoadReport(count, acked, count - acked, after.redeliveries() - before.redeliveries(),
                after.duplicateAcks() - before.duplicateAcks(), elapsed, acked / (elapsed.toNanos() / 1e9),
                percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 1.0));
    }

    /** Nearest-rank percentile; zero for no samples. */
    static Duration percentile(List<Long> sortedNanos, double p) {
        if (sortedNanos.isEmpty()) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(p * sortedNanos.size());
        return Duration.ofNanos(sortedNanos.get(Math.max(0, Math.min(sortedNanos.size() - 1, rank - 1))));
    }
}
