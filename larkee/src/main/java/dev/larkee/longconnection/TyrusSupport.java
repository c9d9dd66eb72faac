package dev.larkee.longconnection;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.core.HandshakeException;

/**
 * Everything Tyrus-specific, in one class loaded reflectively by {@link WebSocketSupport#create}:
 * a missing Tyrus makes loading fail and larkee falls back to the standard API.
 */
final class TyrusSupport implements WebSocketSupport {

    /**
     * The largest WebSocket frame accepted: one whole message of the platform's largest size
     * ({@link FragmentAssembler#MAX_MESSAGE_BYTES}, 16 MiB) plus room for the frame's own headers.
     * Bounded: Tyrus buffers a frame of up to this size per socket.
     */
    static final int INCOMING_BUFFER_BYTES = FragmentAssembler.MAX_MESSAGE_BYTES + (64 << 10);

    private final ClientManager client;
    private final InlineTimers timers = new InlineTimers("larkee-tyrus-timer");

    TyrusSupport(long handshakeTimeoutMs, Optional<String> proxy) {
        // Payara's provider answers a ClientManager; the cast fails (and we fall back) elsewhere.
        if (!(ContainerProvider.getWebSocketContainer() instanceof ClientManager)) {
            throw new ClassCastException("the WebSocket container is not Tyrus");
        }
        // Our own subclass, for the sessions' timer service (see InlineTimers).
        client = new ClientManager() {
            @Override
            public ScheduledExecutorService getScheduledExecutorService() {
                return timers;
            }
        };
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, (int) handshakeTimeoutMs);
        // Tyrus' default (4 MiB) closes the socket with 1011 on a larger frame; the platform sends up to 16 MiB.
        client.getProperties().put(ClientProperties.INCOMING_BUFFER_SIZE, INCOMING_BUFFER_BYTES);
        proxy.ifPresent(p -> client.getProperties().put(ClientProperties.PROXY_URI, "http://" + p));
    }

    @Override
    public WebSocketContainer container() {
        return client;
    }

    @Override
    public OptionalInt refusedStatus(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HandshakeException h) {
                return OptionalInt.of(h.getHttpStatusCode());
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public void shutdown() {
        client.shutdown();
        timers.shutdownNow();
    }
}
