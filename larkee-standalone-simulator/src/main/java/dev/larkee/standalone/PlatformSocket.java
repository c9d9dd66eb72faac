package dev.larkee.standalone;

import dev.larkee.longconnection.ClientConfig;
import dev.larkee.longconnection.Frame;
import dev.larkee.longconnection.FrameCodec;
import dev.larkee.longconnection.FrameException;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The platform's side of one long connection (one instance per socket): registers the connection,
 * answers application pings with a pong carrying the ClientConfig (spec §5.2: all four keys), and
 * hands data frames, the client's acks, to the dispatcher. Text messages and unknown frames are
 * ignored, as the protocol never uses them.
 *
 * <p>Public only because Tyrus calls the {@code Endpoint} methods reflectively and cannot reach a
 * package-private class; it cannot be made outside this package.
 */
public final class PlatformSocket extends Endpoint {

    private static final Logger LOG = Logger.getLogger(PlatformSocket.class.getName());

    private final ConnectionRegistry connections;
    private final AtLeastOnceDispatcher dispatcher;
    private final byte[] pongPayload;
    private final int maxConnections;
    private volatile ClientConnection connection;

    PlatformSocket(ConnectionRegistry connections, AtLeastOnceDispatcher dispatcher, ClientConfig clientConfig,
            int maxConnections) {
        this.connections = connections;
        this.dispatcher = dispatcher;
        this.pongPayload = clientConfig.toJson().toString().getBytes(StandardCharsets.UTF_8);
        this.maxConnections = maxConnections;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        // The HandshakeGate checked the ticket, so these parameters are the ones a bootstrap issued.
        ClientConnection c = new ClientConnection(parameter(session, "device_id"),
                Integer.parseInt(parameter(session, "service_id")), session);
        session.setMaxIdleTimeout(0); // liveness is the client's job (pings); the platform never times out a quiet socket
        session.addMessageHandler(byte[].class, bytes -> received(c, bytes));
        session.addMessageHandler(String.class, text -> LOG.fine("ignored a text message from " + c.deviceId()));
        // Re-checked here: two upgrades may pass the gate at once when only one slot is left.
        if (!connections.add(c, maxConnections)) {
            c.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "exceed connection limit"));
            return;
        }
        connection = c;
        LOG.fine(() -> "connection " + c.deviceId() + " open");
        dispatcher.connectionOpened();
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        ClientConnection c = connection;
        if (c != null) {
            connections.remove(c);
            LOG.fine(() -> "connection " + c.deviceId() + " closed: " + reason.getCloseCode().getCode());
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        LOG.log(Level.FINE, "socket error", failure);
    }

    private void received(ClientConnection c, byte[] bytes) {
        Frame frame;
        try {
            frame = FrameCodec.decode(bytes);
        } catch (FrameException e) {
            LOG.warning(() -> "connection " + c.deviceId() + " sent an invalid frame: " + e.getMessage());
            return;
        }
        if (frame.method() == Frame.Method.CONTROL && FrameCodec.PING.equals(frame.type())) {
            c.send(FrameCodec.encode(FrameCodec.control(c.serviceId(), FrameCodec.PONG, pongPayload)));
        } else if (frame.method() == Frame.Method.DATA) {
            dispatcher.acknowledged(c, frame);
        }
    }

    private static String parameter(Session session, String name) {
        List<String> values = session.getRequestParameterMap().get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
