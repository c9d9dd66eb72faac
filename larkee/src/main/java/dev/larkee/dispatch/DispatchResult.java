package dev.larkee.dispatch;

/**
 * How a dispatch ended, for the transport to translate into an HTTP response or an ack frame.
 *
 * @param outcome   what happened
 * @param replyJson the JSON to send back: the observer's reply, or the fallback; null when the
 *                  transport should use its own "no reply" answer
 * @param callback  true for callbacks a user waits on, false for events
 * @param id        the event id for logs and error bodies (may be empty)
 * @param elapsedMs time from dispatch to this result
 */
public record DispatchResult(Outcome outcome, String replyJson, boolean callback, String id, long elapsedMs) {

    public enum Outcome {
        /** An observer replied in time; {@code replyJson} holds it. */
        REPLIED,
        /** Observers ran and did not reply. */
        NO_REPLY,
        /** No observer for this type: acknowledged so the platform does not retry. */
        UNOBSERVED,
        /** The deadline passed first: {@code replyJson} is the fallback, the late reply is logged when it comes. */
        LATE,
        /** An observer threw, or its reply could not be written as JSON. */
        FAILED,
        /** The observer executor refused the work: larkee is overloaded. */
        BUSY,
        /** Delivered and answered before (same event id): the earlier reply again, observers not run. */
        DUPLICATE;

        /** Whether the platform should see a failure (HTTP 5xx, ack code 500). */
        public boolean failed() {
            return this == FAILED || this == BUSY;
        }
    }

    /** The fallback a late callback gets: an empty object leaves the card or link unchanged. */
    public static final String EMPTY_REPLY = "{}";
}
