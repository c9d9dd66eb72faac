package dev.larkee.dispatch;

import java.util.Optional;

/**
 * Where the ids of deliveries being handled or handled are kept: this instance's memory, or a map the
 * app's instances share ({@code dev.larkee.cluster}). Keys are never empty.
 */
public interface DeliveryStore {

    /** Longer than the platform's retry span for events (15 s, 5 min, 1 h, 6 h): 8 h after the first delivery. */
    long TTL_MS = 8 * 3600_000L;
    /** Replies longer than this are not kept (a re-delivery then gets the empty reply): bounds memory. */
    int MAX_REPLY_CHARS = 2048;
    /**
     * How long a claim holds without an outcome: observers still running after this lose the
     * protection, and the claim of an instance that died while handling is taken over after it.
     */
    long IN_FLIGHT_MS = 10 * 60_000L;

    /** What a delivery's id says about it. */
    enum Seen {
        /** Not seen (or forgotten): now claimed by the caller, who settles it with remember or release. */
        NEW,
        /** Claimed by a handling still in flight (on this instance or another). */
        IN_FLIGHT,
        /** Handled before; {@link Claim#reply()} is what the platform got ({@code ""}: no reply JSON). */
        DONE
    }

    record Claim(Seen seen, String reply) {
        public static final Claim NEW = new Claim(Seen.NEW, null);
        public static final Claim IN_FLIGHT = new Claim(Seen.IN_FLIGHT, null);

        public static Claim done(String reply) {
            return new Claim(Seen.DONE, reply);
        }
    }

    /** Claims {@code key} for a handling, unless it is being handled or was handled. */
    Claim claim(String key);

    /** Lets go of a claim whose handling failed or never ran: the next delivery runs the observers. */
    void release(String key);

    /** Records the handling's success and the reply the platform got. */
    void remember(String key, String replyJson);

    /** The reply given the first time, if {@code key} was handled; {@code ""} means no reply JSON. */
    Optional<String> previousReply(String key);

    /** Where the ids are kept, for the log and health data. */
    String describe();
}
