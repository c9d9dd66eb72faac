package dev.larkee.webhook;

import dev.larkee.dispatch.WireText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;

/** The platform's id of a request, for log correlation: {@code X-Tt-Logid}, else {@code X-Request-Id}; escaped and bounded. */
final class RequestRef {

    private RequestRef() {
    }

    static String of(HttpServletRequest request) {
        return pick(request.getHeader("X-Tt-Logid"), request.getHeader("X-Request-Id"));
    }

    static String of(HttpHeaders headers) {
        return pick(headers.getHeaderString("X-Tt-Logid"), headers.getHeaderString("X-Request-Id"));
    }

    private static String pick(String logId, String requestId) {
        return WireText.forLog(logId != null ? logId : requestId);
    }
}
