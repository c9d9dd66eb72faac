package dev.larkee.standalone;

import java.util.List;

/**
 * How a webhook POST ended after its retries.
 *
 * @param delivered    whether some attempt got a 2xx answer
 * @param attempts     every attempt in order; the last one is the deciding one
 * @param responseBody the last answer's body (at most {@link WebhookPoster#MAX_KEPT_BODY_CHARS} characters); null without one
 */
public record WebhookOutcome(boolean delivered, List<WebhookAttempt> attempts, String responseBody) {

    /** Copies the attempts. */
    public WebhookOutcome {
        attempts = List.copyOf(attempts);
    }

    /** The deciding attempt. */
    public WebhookAttempt last() {
        return attempts.get(attempts.size() - 1);
    }
}
