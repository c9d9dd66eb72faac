package dev.larkee.simulator;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one open simulated connection.
 *
 * @param deviceId       the {@code device_id} the simulator gave it
 * @param serviceId      the {@code service_id} the simulator gave it
 * @param openedAt       when the socket opened
 * @param pings          pings received so far
 * @param recentPings    when the last (up to 20) pings came
 * @param answeringPings false after {@link PlatformSimulator#stopAnsweringPings(String)}
 */
public record ConnectionInfo(String deviceId, int serviceId, Instant openedAt, long pings, List<Instant> recentPings,
        boolean answeringPings) {
}
