package dev.larkee.standalone;

import java.net.URI;
import java.time.Duration;

/**
 * One POST of a webhook body to one target.
 *
 * @param target where it went
 * @param status the HTTP status; -1 when no answer came (connect error, timeout)
 * @param error  why no answer came; null when one did
 * @param took   from sending to the answer or the failure
 */
public record WebhookAttempt(URI target, int status, String error, Duration took) {

    /** A 2xx answer: the platform counts nothing else as delivered. */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
