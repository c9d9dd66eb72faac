package dev.larkee.simulator;

import dev.larkee.longconnection.ClientConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One open socket of the simulator and its per-connection scenario switches. State guarded by the simulator's monitor. */
final class SimulatedConnection {

    private static final int RECENT_PINGS = 20;

    final String deviceId;
    final int serviceId;
    final Session session;
    final Instant openedAt = Instant.now();
    private final Deque<Instant> recentPings = new ArrayDeque<>();
    private long pings;
    boolean answeringPings = true;
    ClientConfig configInNextPong;
    private volatile CountDownLatch caughtUp;

    SimulatedConnection(String deviceId, int serviceId, Session session) {
        this.deviceId = deviceId;
        this.serviceId = serviceId;
        this.session = session;
    }

    void pinged() {
        pings++;
        if (recentPings.size() == RECENT_PINGS) {
            recentPings.removeFirst();
        }
        recentPings.addLast(Instant.now());
    }

    ConnectionInfo info() {
        return new ConnectionInfo(deviceId, serviceId, openedAt, pings, List.copyOf(recentPings), answeringPings);
    }

    /** Writes are serialized: pongs (reader thread) and pushes (caller threads) share the socket. */
    synchronized void sendBinary(byte[] bytes) throws IOException {
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
    }

    synchronized void sendText(String text) throws IOException {
        session.getBasicRemote().sendText(text);
    }

    /**
     * Closes as a real platform does: the close frame follows everything sent before it. The
     * WebSocket runtime's own close drops the connection right after queueing the close frame, so
     * frames sent just before could be cut off on the wire (the client then sees 1006 and never
     * gets them). A WebSocket ping first, and its pong back, proves the client has read all of them;
     * bounded by {@code wait} for a client that does not answer.
     */
    void closeAfterClientCaughtUp(CloseReason reason, Duration wait) throws IOException {
        // Before the ping: the client answers it at once, and its pong must not reach a connection
        // whose upgrade request the container is still finishing (see UpgradesUnderWay).
        UpgradesUnderWay.awaitNone(wait);
        CountDownLatch latch = new CountDownLatch(1);
        caughtUp = latch;
        synchronized (this) {
            session.getBasicRemote().sendPing(ByteBuffer.wrap(new byte[] {'c'}));
        }
        try {
            latch.await(wait.toMillis(), TimeUnit.MILLISECONDS); // not holding the send lock: pongs still go out
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        session.close(reason);
    }

    /** The client answered a WebSocket ping. */
    void ponged() {
        CountDownLatch latch = caughtUp;
        if (latch != null) {
            latch.countDown();
        }
    }
}
