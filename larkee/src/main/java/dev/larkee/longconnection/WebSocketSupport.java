package dev.larkee.longconnection;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Logger;

/**
 * The WebSocket client container and its implementation-specific extras. On Payara the Tyrus
 * variant ({@code TyrusSupport}, the only class that touches Tyrus) adds a handshake timeout,
 * the proxy and the HTTP status of a refused handshake; elsewhere (WildFly's Undertow) the
 * standard container, with {@link StandardWebSocketSupport} reading what it reports of a refusal.
 */
interface WebSocketSupport {

    /** The container to dial with. */
    WebSocketContainer container();

    /** The HTTP status of a refused handshake found in {@code failure}'s causes, if the implementation tells. */
    OptionalInt refusedStatus(Throwable failure);

    /**
     * The headers of the response that refused a handshake to {@code url}, when the implementation
     * did not hand them to the configurator (empty when unknown).
     */
    default Map<String, List<String>> refusalHeaders(URI url) {
        return Map.of();
    }

    /** Releases the container's threads. */
    void shutdown();

    /** Tyrus when it is there, the standard container otherwise. */
    static WebSocketSupport create(long handshakeTimeoutMs, Optional<String> proxy) {
        Logger log = Logger.getLogger(WebSocketSupport.class.getName());
        try {
            Class<?> tyrus = Class.forName(WebSocketSupport.class.getPackageName() + ".TyrusSupport");
            return (WebSocketSupport) tyrus.getDeclaredConstructor(long.class, Optional.class)
                    .newInstance(handshakeTimeoutMs, proxy);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            log.info(() -> "larkee: WebSocket client is not Tyrus (" + Redaction.describe(e)
                    + "); the handshake timeout and proxy are the container's own (use https.proxyHost)");
            return new StandardWebSocketSupport(ContainerProvider.getWebSocketContainer(), handshakeTimeoutMs);
        }
    }
}
