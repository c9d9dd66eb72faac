package dev.larkee.standalone;

/**
 * Counters of the webhook side since start.
 *
 * @param posts     bodies handed to {@code postWebhook}
 * @param attempts  HTTP requests made, retries included
 * @param failures  attempts without a 2xx answer
 * @param delivered posts that got a 2xx answer in the end
 * @param abandoned posts whose every attempt failed
 */
public record WebhookStats(long posts, long attempts, long failures, long delivered, long abandoned) {
}
