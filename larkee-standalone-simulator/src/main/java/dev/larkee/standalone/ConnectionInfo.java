package dev.larkee.standalone;

import java.time.Instant;

/**
 * A snapshot of one open long connection.
 *
 * @param deviceId  the {@code device_id} its bootstrap handed out
 * @param serviceId the {@code service_id} its bootstrap handed out
 * @param openSince when its WebSocket opened
 * @param delivered data frames sent to it so far, re-deliveries included
 */
public record ConnectionInfo(String deviceId, int serviceId, Instant openSince, long delivered) {
}
