package dev.larkee.longconnection;

/**
 * Why a bootstrap or handshake did not give a connection. Fatal failures (credentials,
 * permission, connection limit) stop the retries; the others are retried with back-off. The
 * message is safe to log: it never holds the App Secret or the ticket URL.
 */
public class ConnectFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean fatal;

    private ConnectFailure(boolean fatal, String message) {
        super(message);
        this.fatal = fatal;
    }

    public static ConnectFailure fatal(String message) {
        return new ConnectFailure(true, message);
    }

    public static ConnectFailure retryable(String message) {
        return new ConnectFailure(false, message);
    }

    /** True when retrying cannot help. */
    public boolean fatal() {
        return fatal;
    }
}
