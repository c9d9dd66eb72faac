package dev.larkee.simulator;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The simulated platform's WebSocket. The ticket is checked once the socket opens: on WildFly no
 * application filter sees an upgrade to an endpoint, so a check before the 101 would not run there.
 * A socket without a valid ticket is closed at once (1008); refusals with an HTTP status come from
 * {@link HandshakeGate} at {@link PlatformSimulator#REFUSING_PATH}.
 */
@ServerEndpoint(PlatformSimulator.WS_PATH)
public class SimulatorSocket {

    private static final Logger LOG = Logger.getLogger(SimulatorSocket.class.getName());

    @Inject
    PlatformSimulator simulator;

    @OnOpen
    public void open(Session session) throws IOException, InterruptedException {
        if (!simulator.active()) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "simulator off"));
            return;
        }
        Optional<HandshakeFault> refused = simulator.admit(parameter(session, "ticket"),
                parameter(session, "device_id"), parameter(session, "service_id"));
        if (refused.isPresent()) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "simulator: " + refused.get().msg()));
            return;
        }
        // A platform with a backlog pushes at once: these frames may share a read with the 101 response.
        simulator.pushBacklog(session);
        session.setMaxIdleTimeout(0);
        simulator.lagBeforeRegistering();
        simulator.opened(session);
    }

    private static String parameter(Session session, String name) {
        List<String> values = session.getRequestParameterMap().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @OnMessage
    public void binary(Session session, byte[] bytes) {
        simulator.received(session, bytes);
    }

    @OnMessage
    public void pong(Session session, PongMessage pong) {
        simulator.ponged(session);
    }

    @OnMessage
    public void text(Session session, String text) {
        LOG.fine(() -> "simulator: ignored a text message");
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        simulator.closed(session, reason);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.fine(() -> "simulator: socket error " + failure);
    }
}
