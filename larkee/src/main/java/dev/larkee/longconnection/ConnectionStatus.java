package dev.larkee.longconnection;

import java.time.Instant;

/**
 * A snapshot of one connection, for health data, logs and the console.
 *
 * @param index          1-based connection number
 * @param state          where it stands
 * @param deviceId       the platform's connection id (empty before the first bootstrap)
 * @param alive          connected, answered a ping on this socket, and heard from within the liveness window
 * @param attempts       connection attempts since start
 * @param lastError      why the last attempt or connection failed, kept after reconnecting; empty when none
 *                       since the start or {@link LongConnections#restart()} (never a secret)
 * @param connectedSince when the current socket opened; null when not connected
 * @param clientConfig   the ClientConfig in force
 * @param lastPong       when the platform last answered a ping; null before the first pong
 * @param reconnects     sockets opened since start after the first one
 * @param fragmentBytes  bytes of fragmented messages waiting for their other fragments
 */
public record ConnectionStatus(int index, ConnectionState state, String deviceId, boolean alive, long attempts,
        String lastError, Instant connectedSince, ClientConfig clientConfig, Instant lastPong, long reconnects,
        long fragmentBytes) {

    public ConnectionStatus(int index, ConnectionState state, String deviceId, boolean alive, long attempts,
            String lastError, Instant connectedSince, ClientConfig clientConfig, Instant lastPong) {
        this(index, state, deviceId, alive, attempts, lastError, connectedSince, clientConfig, lastPong, 0, 0);
    }
}
