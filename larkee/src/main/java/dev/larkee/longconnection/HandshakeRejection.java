package dev.larkee.longconnection;

import dev.larkee.dispatch.WireText;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Classifies a refused WebSocket upgrade (spec §6) from its {@code Handshake-Status},
 * {@code Handshake-Msg} and {@code Handshake-Autherrcode} headers (any case), falling back to the
 * HTTP status when the platform's header is absent: 403 is fatal (forbidden), 514 with
 * 1000040350 is fatal (over the 50-connection limit), everything else is retried. Pure.
 */
public final class HandshakeRejection {

    public static final String STATUS = "Handshake-Status";
    public static final String MESSAGE = "Handshake-Msg";
    public static final String AUTH_ERROR_CODE = "Handshake-Autherrcode";

    public static final int FORBIDDEN = 403;
    public static final int AUTH_FAILED = 514;
    public static final long CONNECTION_LIMIT = 1000040350L;

    private HandshakeRejection() {
    }

    /**
     * @param headers    the refusing response's headers; empty when none were seen
     * @param httpStatus the HTTP status of the refusal, or 0 when unknown
     */
    public static ConnectFailure classify(Map<String, List<String>> headers, int httpStatus) {
        int status = number(header(headers, STATUS)).map(Long::intValue).filter(s -> s != 0).orElse(httpStatus);
        Optional<Long> authCode = number(header(headers, AUTH_ERROR_CODE));
        String msg = header(headers, MESSAGE).map(WireText::forLog).orElse(""); // kept in last_error: bounded
        String text = "handshake refused with status " + (status == 0 ? "unknown" : status)
                + authCode.map(c -> ", auth error " + c).orElse("") + (msg.isEmpty() ? "" : " (" + msg + ")");
        if (status == FORBIDDEN) {
            return ConnectFailure.fatal(text);
        }
        if (status == AUTH_FAILED && authCode.orElse(0L) == CONNECTION_LIMIT) {
            return ConnectFailure.fatal(text + ": more than 50 connections for this app");
        }
        return ConnectFailure.retryable(text);
    }

    static Optional<String> header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null
                    && !e.getValue().isEmpty()) {
                return Optional.ofNullable(e.getValue().get(0)).map(String::trim);
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> number(Optional<String> text) {
        try {
            return text.filter(t -> !t.isEmpty()).map(Long::parseLong);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
