package dev.larkee.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
        if (delivered.size() >= MAX_ENTRIES) {
            evict(now);
        }
        String kept = replyJson != null && replyJson.length() <= MAX_REPLY_CHARS ? replyJson : null;
        delivered.put(id, new Delivered(kept, now + TTL_NANOS));
    }

    private synchronized void evict(long now) {
        if (delivered.size() < MAX_ENTRIES) {
            return; // another thread made room meanwhile
        }
        delivered.values().removeIf(d -> d.expiresAtNanos - now < 0);
        // Still full of live ids (a flood): forget a tenth at once, so this scan runs once per
        // MAX_ENTRIES / 10 deliveries, not on every one. Which tenth does not matter enough for a global order.
        Iterator<String> it = delivered.keySet().iterator();
        while (delivered.size() > MAX_ENTRIES - MAX_ENTRIES / 10 && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    int size() {
        return delivered.size();
    }
}
