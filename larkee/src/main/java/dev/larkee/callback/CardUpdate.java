package dev.larkee.callback;

/**
 * How a later card update ({@link CardAction#updateCard}) ended.
 *
 * @param result       what happened
 * @param platformCode the platform's {@code code} when it answered one (0 otherwise)
 * @param message      why, in words (the platform's {@code msg} for {@link Result#FAILED}); never a secret
 */
public record CardUpdate(Result result, long platformCode, String message) {

    /** The outcomes an application handles differently. */
    public enum Result {
        /** The platform took the new card. */
        UPDATED,
        /** The callback's card token is older than the platform's 30 minutes. */
        TOKEN_EXPIRED,
        /** The card token was used as often as the platform allows (2 updates). */
        TOKEN_USED_UP,
        /** The card's JSON is over the platform's 30 KB. */
        TOO_LARGE,
        /** The app's update rate (50/s, 1,000/min) stayed exceeded for as long as the token lives. */
        RATE_LIMITED,
        /** Anything else: the platform's code and message, or a network failure after the retries. */
        FAILED
    }

    /** Whether the card now shows the update. */
    public boolean updated() {
        return result == Result.UPDATED;
    }

    public static CardUpdate of(Result result, String message) {
        return new CardUpdate(result, 0, message);
    }
}
