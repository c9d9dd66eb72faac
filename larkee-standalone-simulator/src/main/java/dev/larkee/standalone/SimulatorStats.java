package dev.larkee.standalone;

/**
 * A snapshot of a {@link StandaloneSimulator}'s counters.
 *
 * @param openConnections   long connections open now
 * @param bootstrapRequests bootstrap requests answered since start
 * @param bootstrapRefusals of those, refusals (wrong credentials, connection limit)
 * @param delivery          the long-connection pushes
 * @param webhook           the webhook POSTs
 */
public record SimulatorStats(int openConnections, long bootstrapRequests, long bootstrapRefusals,
        DeliveryStats delivery, WebhookStats webhook) {
}
