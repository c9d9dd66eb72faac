package dev.larkee.simulator;

/**
 * How the simulator refuses a WebSocket upgrade (spec §6).
 *
 * @param httpStatus      the HTTP status of the refusal (not 101)
 * @param handshakeStatus the {@code Handshake-Status} header; 0 to leave all Handshake-* headers out
 * @param authErrCode     the {@code Handshake-Autherrcode} header; 0 to leave it out
 * @param msg             the {@code Handshake-Msg} header
 */
public record HandshakeFault(int httpStatus, int handshakeStatus, long authErrCode, String msg) {

    /** 403 forbidden: fatal for the client. */
    public static HandshakeFault forbidden() {
        return new HandshakeFault(403, 403, 0, "forbidden");
    }

    /** 514 with 1000040350, the 51st connection of an app: fatal for the client. */
    public static HandshakeFault connectionLimit() {
        return new HandshakeFault(400, 514, 1000040350L, "exceed connection limit");
    }

    /** 514 with another sub-code: retried by the client. */
    public static HandshakeFault authFailed(long authErrCode) {
        return new HandshakeFault(400, 514, authErrCode, "auth failed");
    }

    /** A bare HTTP error without Handshake-* headers: retried by the client. */
    public static HandshakeFault httpStatus(int status) {
        return new HandshakeFault(status, 0, 0, "");
    }
}
