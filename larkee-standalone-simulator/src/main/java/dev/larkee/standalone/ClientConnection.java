package dev.larkee.standalone;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One open WebSocket of a larkee instance, as the platform side sees it. */
final class ClientConnection {

    private static final Logger LOG = Logger.getLogger(ClientConnection.class.getName());

    private final String deviceId;
    private final int serviceId;
    private final Instant openSince = Instant.now();
    private final Session session;
    private final AtomicLong delivered = new AtomicLong();

    ClientConnection(String deviceId, int serviceId, Session session) {
        this.deviceId = deviceId;
        this.serviceId = serviceId;
        this.session = session;
    }

    String deviceId() {
        return deviceId;
    }

    int serviceId() {
        return serviceId;
    }

    Session session() {
        return session;
    }

    /** Counts one data frame handed to this connection. */
    void countDelivery() {
        delivered.incrementAndGet();
    }

    /**
     * Sends one binary message without blocking the caller (a timer or a socket's reader). A failed
     * send is only logged: an unacknowledged message is re-delivered by its timeout anyway.
     */
    void send(byte[] bytes) {
        try {
            session.getAsyncRemote().sendBinary(ByteBuffer.wrap(bytes), result -> {
                if (!result.isOK()) {
                    LOG.log(Level.FINE, "send to " + deviceId + " failed", result.getException());
                }
            });
        } catch (RuntimeException e) { // the session closed under us
            LOG.log(Level.FINE, "send to " + deviceId + " failed", e);
        }
    }

    void close(CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "closing " + deviceId + " failed", e);
        }
    }

    ConnectionInfo info() {
        return new ConnectionInfo(deviceId, serviceId, openSince, delivered.get());
    }
}
