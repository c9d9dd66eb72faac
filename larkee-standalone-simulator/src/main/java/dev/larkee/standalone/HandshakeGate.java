package dev.larkee.standalone;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.glassfish.tyrus.spi.UpgradeResponse;

/**
 * Admits a WebSocket upgrade only with a ticket a bootstrap issued for the URL's device_id and
 * service_id, and only while the app is under its connection limit. Refusals come before the 101,
 * as the platform's do (spec §6): a non-101 status with {@code Handshake-Status},
 * {@code Handshake-Msg} and, for the limit, {@code Handshake-Autherrcode: 1000040350}. Also makes
 * one {@link PlatformSocket} per connection.
 */
final class HandshakeGate extends ServerEndpointConfig.Configurator {

    /** The platform's "auth failed" status (spec §6): a bad ticket is retried with a fresh bootstrap. */
    static final int AUTH_FAILED = 514;
    /** HTTP status of a refusal: Tyrus treats 401 and 503 as special, 400 passes through as is. */
    static final int REFUSAL_HTTP_STATUS = 400;

    private final TicketBook tickets;
    private final ConnectionRegistry connections;
    private final int maxConnections;
    private final Supplier<PlatformSocket> sockets;

    HandshakeGate(TicketBook tickets, ConnectionRegistry connections, int maxConnections, Supplier<PlatformSocket> sockets) {
        this.tickets = tickets;
        this.connections = connections;
        this.maxConnections = maxConnections;
        this.sockets = sockets;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        Map<String, List<String>> query = request.getParameterMap();
        if (!tickets.redeem(first(query, "ticket"), first(query, "device_id"), first(query, "service_id"))) {
            refuse(response, AUTH_FAILED, 0, "invalid or used ticket");
        } else if (connections.size() >= maxConnections) {
            refuse(response, AUTH_FAILED, Bootstrap.EXCEED_CONNECTION_LIMIT, "exceed connection limit");
        }
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(sockets.get());
    }

    /**
     * Tyrus answers any status other than 101 (and its few special ones) as a failed handshake with
     * the headers of this response, which by now are those of a successful upgrade. Those are
     * dropped: with {@code Upgrade} present Grizzly writes no length, and the client then waits
     * for a body forever.
     */
    private static void refuse(HandshakeResponse response, int handshakeStatus, long authErrCode, String msg) {
        UpgradeResponse upgrade = (UpgradeResponse) response;
        upgrade.setStatus(REFUSAL_HTTP_STATUS);
        upgrade.setReasonPhrase("Bad Request");
        Map<String, List<String>> headers = response.getHeaders();
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("Upgrade") || name.equalsIgnoreCase("Connection")
                || name.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-"));
        headers.put("Content-Length", List.of("0"));
        headers.put("Connection", List.of("close"));
        headers.put("Handshake-Status", List.of(Integer.toString(handshakeStatus)));
        headers.put("Handshake-Msg", List.of(msg));
        if (authErrCode != 0) {
            headers.put("Handshake-Autherrcode", List.of(Long.toString(authErrCode)));
        }
    }

    private static String first(Map<String, List<String>> query, String key) {
        List<String> values = query.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
