package dev.larkee.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Ids of events and callbacks whose observers already finished, with the reply they gave, so a
 * re-delivery (the platform delivers at least once, and retries events for hours) is acknowledged
 * the same way without running the observers again. Bounded in count and age; an id is remembered
 * only after its observers succeeded, so a retry after a failure runs them again.
 */
@ApplicationScoped
public class DeliveredEvents {

    /** Longer than the platform's retry span for events (15 s, 5 min, 1 h, 6 h). */
    static final long TTL_NANOS = TimeUnit.HOURS.toNanos(8);
    static final int MAX_ENTRIES = 50_000;
    /** Replies longer than this are not kept (a re-delivery then gets the empty reply): bounds memory. */
    static final int MAX_REPLY_CHARS = 2048;

    private final Map<String, Delivered> delivered = new ConcurrentHashMap<>();
    /** Ids in the order they were remembered: the oldest (and first to expire) at the head. */
    private final Queue<String> order = new ConcurrentLinkedQueue<>();
    private final ReentrantLock evicting = new ReentrantLock();

    private record Delivered(String replyJson, long expiresAtNanos) {
    }

    /** The reply given the first time, if {@code id} was delivered and answered before; {@code ""} means no reply JSON. */
    Optional<String> previousReply(String id) {
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Delivered d = delivered.get(id);
        if (d == null || d.expiresAtNanos - System.nanoTime() < 0) {
            return Optional.empty();
        }
        return Optional.of(d.replyJson == null ? "" : d.replyJson);
    }

    void remember(String id, String replyJson) {
        if (id.isEmpty()) {
            return;
        }
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
}
