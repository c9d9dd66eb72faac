package dev.larkee.simulator;

import dev.larkee.longconnection.ClientConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

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
}
