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
import java.util.logging.Logger;

/** The simulated platform's WebSocket; {@link HandshakeGate} has checked the ticket before the upgrade. */
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
        // A platform with a backlog pushes at once: these frames may share a read with the 101 response.
        simulator.pushBacklog(session);
        session.setMaxIdleTimeout(0);
        simulator.lagBeforeRegistering();
        simulator.opened(session);
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
