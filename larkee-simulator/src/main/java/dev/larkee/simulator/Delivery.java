package dev.larkee.simulator;

import java.util.concurrent.CompletableFuture;

/**
 * A pushed message on its way: where it went and its acknowledgement to come. The future fails
 * when the connection closes before the ack arrives.
 */
public record Delivery(String messageId, String deviceId, CompletableFuture<Ack> ack) {
}
