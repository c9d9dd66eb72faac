package dev.larkee.dispatch;

import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link DeliveryStore} of one instance alone: its memory, bounded in count and age. Used when
 * there is no data grid to share with the app's other instances.
 */
final class LocalDeliveries implements DeliveryStore {

    /** Longer than the platform's retry span for events (15 s, 5 min, 1 h, 6 h). */
    static final long TTL_NANOS = TimeUnit.MILLISECONDS.toNanos(DeliveryStore.TTL_MS);
    static final int MAX_ENTRIES = 50_000;
    /** Replies longer than this are not kept (a re-delivery then gets the empty reply): bounds memory. */
    static final int MAX_REPLY_CHARS = DeliveryStore.MAX_REPLY_CHARS;
    /** How long a claim holds without an outcome: observers still running after this lose the protection. */
    static final long IN_FLIGHT_NANOS = TimeUnit.MILLISECONDS.toNanos(DeliveryStore.IN_FLIGHT_MS);

        /** Marks a claim: an identity, never a reply. */
    private static final String CLAIMED = new String("in flight");

    private final Map<String, Delivered> delivered = new ConcurrentHashMap<>();
    /** Ids in the order they were remembered: the oldest (and first to expire) at the head. */
    private final Queue<String> order = new ConcurrentLinkedQueue<>();
    private final ReentrantLock evicting = new ReentrantLock();

    private record Delivered(String replyJson, long expiresAtNanos) {
    }

    @Override
    public Claim claim(String id) {
        long now = System.nanoTime();
        Delivered claim = new Delivered(CLAIMED, now + IN_FLIGHT_NANOS);
        Delivered existing = delivered.compute(id, (k, d) -> d == null || d.expiresAtNanos - now < 0 ? claim : d);
        if (existing == claim) {
            order.add(id);
            forgetOldest(now);
            return Claim.NEW;
        }
        if (existing.replyJson == CLAIMED) {
            return Claim.IN_FLIGHT;
        }
        return Claim.done(existing.replyJson == null ? "" : existing.replyJson);
    }

    @Override
    public void release(String id) {
        delivered.computeIfPresent(id, (k, d) -> d.replyJson == CLAIMED ? null : d);
    }

    @Override
    public Optional<String> previousReply(String id) {
        Delivered d = delivered.get(id);
        if (d == null || d.replyJson == CLAIMED || d.expiresAtNanos - System.nanoTime() < 0) {
            return Optional.empty();
        }
        return Optional.of(d.replyJson == null ? "" : d.replyJson);
    }

    @Override
    public void remember(String id, String replyJson) {
        long now = System.nanoTime();
        String kept = replyJson != null && replyJson.length() <= MAX_REPLY_CHARS ? replyJson : null;
        if (delivered.put(id, new Delivered(kept, now + TTL_NANOS)) == null) {
            order.add(id);
        }
        forgetOldest(now);
    }

    /**
     * Drops expired ids and, past the bound, the oldest ones: constant work per delivery, no scans.
     * One thread at a time; the others skip, since the next delivery catches up.
     */
    private void forgetOldest(long now) {
        if (!evicting.tryLock()) {
            return;
        }
        try {
            String oldest;
            while ((oldest = order.peek()) != null) {
                Delivered d = delivered.get(oldest);
                boolean expired = d == null || d.expiresAtNanos - now < 0;
                if (!expired && delivered.size() <= MAX_ENTRIES) {
                    return;
                }
                order.poll();
                if (d != null) {
                    delivered.remove(oldest, d);
                }
            }
        } finally {
            evicting.unlock();
        }
    }

    int size() {
        return delivered.size();
    }

    @Override
    public String describe() {
        return "local memory";
    }
}
