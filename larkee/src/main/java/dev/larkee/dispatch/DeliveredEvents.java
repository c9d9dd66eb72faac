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
 * Ids of events and callbacks being handled or already handled, with the reply they gave, so a
 * re-delivery (the platform delivers at least once, and retries events for hours) never runs the
 * observers a second time: while the first handling is in flight the id is claimed, once it
 * succeeded the reply is kept, and a failed handling lets go of the claim so a retry runs again.
 * Bounded in count and age.
 */
@ApplicationScoped
public class DeliveredEvents {

    /** Longer than the platform's retry span for events (15 s, 5 min, 1 h, 6 h). */
    static final long TTL_NANOS = TimeUnit.HOURS.toNanos(8);
    static final int MAX_ENTRIES = 50_000;
    /** Replies longer than this are not kept (a re-delivery then gets the empty reply): bounds memory. */
    static final int MAX_REPLY_CHARS = 2048;
    /** How long a claim holds without an outcome: observers still running after this lose the protection. */
    static final long IN_FLIGHT_NANOS = TimeUnit.MINUTES.toNanos(10);

    /** What a delivery's id says about it. */
    enum Seen {
        /** Not seen (or forgotten): now claimed by the caller, who settles it with remember or release. */
        NEW,
        /** Claimed by a handling still in flight. */
        IN_FLIGHT,
        /** Handled before; {@link Claim#reply()} is what the platform got ({@code ""}: no reply JSON). */
        DONE
    }

    record Claim(Seen seen, String reply) {
    }

    private static final Claim NEW = new Claim(Seen.NEW, null);
    private static final Claim IN_FLIGHT = new Claim(Seen.IN_FLIGHT, null);
    /** Marks a claim: an identity, never a reply. */
    private static final String CLAIMED = new String("in flight");

    private final Map<String, Delivered> delivered = new ConcurrentHashMap<>();
    /** Ids in the order they were remembered: the oldest (and first to expire) at the head. */
    private final Queue<String> order = new ConcurrentLinkedQueue<>();
    private final ReentrantLock evicting = new ReentrantLock();

    private record Delivered(String replyJson, long expiresAtNanos) {
    }

    /** Claims {@code id} for a handling, unless it is being handled or was handled; an empty id is always new. */
    Claim claim(String id) {
        if (id.isEmpty()) {
            return NEW;
        }
        long now = System.nanoTime();
        Delivered claim = new Delivered(CLAIMED, now + IN_FLIGHT_NANOS);
        Delivered existing = delivered.compute(id, (k, d) -> d == null || d.expiresAtNanos - now < 0 ? claim : d);
        if (existing == claim) {
            order.add(id);
            forgetOldest(now);
            return NEW;
        }
        if (existing.replyJson == CLAIMED) {
            return IN_FLIGHT;
        }
        return new Claim(Seen.DONE, existing.replyJson == null ? "" : existing.replyJson);
    }

    /** Lets go of a claim whose handling failed or never ran: the next delivery of {@code id} runs the observers. */
    void release(String id) {
        if (!id.isEmpty()) {
            delivered.computeIfPresent(id, (k, d) -> d.replyJson == CLAIMED ? null : d);
        }
    }

    /** The reply given the first time, if {@code id} was delivered and answered before; {@code ""} means no reply JSON. */
    Optional<String> previousReply(String id) {
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Delivered d = delivered.get(id);
        if (d == null || d.replyJson == CLAIMED || d.expiresAtNanos - System.nanoTime() < 0) {
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
