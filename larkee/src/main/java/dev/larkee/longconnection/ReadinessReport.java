package dev.larkee.longconnection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the readiness check says, computed without the health API so it is unit-testable.
 *
 * @param up   true when every connection is connected and alive (or the long connection is off); a socket
 *             counts as alive once the platform answered a ping on it, so "ready" means the platform
 *             has registered the connection and can deliver on it
 * @param data health data: {@code long_connection}, then per connection {@code #n.state},
 *             {@code #n.device}, {@code #n.attempts} and, when there is one, {@code #n.last_error}
 */
record ReadinessReport(boolean up, Map<String, String> data) {

    static ReadinessReport of(boolean enabled, List<ConnectionStatus> connections) {
        Map<String, String> data = new LinkedHashMap<>();
        if (!enabled) {
            data.put("long_connection", "disabled");
            return new ReadinessReport(true, data);
        }
        data.put("long_connection", "enabled");
        boolean up = !connections.isEmpty();
        for (ConnectionStatus c : connections) {
            String p = "#" + c.index() + ".";
            data.put(p + "state", c.state() != ConnectionState.CONNECTED || c.alive() ? c.state().name()
                    : awaitingFirstPong(c) ? "AWAITING_PONG" : "SILENT");
            data.put(p + "device", c.deviceId());
            data.put(p + "attempts", Long.toString(c.attempts()));
            if (!c.lastError().isEmpty()) {
                data.put(p + "last_error", c.lastError());
            }
            up &= c.alive();
        }
        if (connections.isEmpty()) {
            data.put("state", "starting");
        }
        return new ReadinessReport(up, data);
    }

    /** Open, but the platform has not answered a ping on this socket yet. */
    private static boolean awaitingFirstPong(ConnectionStatus c) {
        return c.lastPong() == null || c.connectedSince() == null || !c.lastPong().isAfter(c.connectedSince());
    }
}
