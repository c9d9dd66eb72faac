package dev.larkee.simulator;

import dev.larkee.longconnection.HandshakeRejection;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Refuses the upgrades the bootstrap sent to {@link PlatformSimulator#REFUSING_PATH}, because the
 * standard server API cannot answer a handshake with a chosen status and headers: 404 when the
 * simulator is off, a refusal with {@code Handshake-*} headers for a scenario fault, the 51st
 * connection or a bad ticket; 404 once there is nothing left to refuse (the client bootstraps again).
 */
@WebFilter(urlPatterns = PlatformSimulator.REFUSING_PATH, asyncSupported = true)
public class HandshakeGate extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    PlatformSimulator simulator;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!simulator.active()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Optional<HandshakeFault> refusal = simulator.admit(request.getParameter("ticket"),
                request.getParameter("device_id"), request.getParameter("service_id"));
        if (refusal.isEmpty()) {
            // Nothing left to refuse, and no endpoint here: the client bootstraps again for a real URL.
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentLength(0);
            return;
        }
        HandshakeFault f = refusal.get();
        response.setStatus(f.httpStatus());
        if (f.handshakeStatus() != 0) {
            response.setHeader(HandshakeRejection.STATUS, Integer.toString(f.handshakeStatus()));
            response.setHeader(HandshakeRejection.MESSAGE, f.msg());
            if (f.authErrCode() != 0) {
                response.setHeader(HandshakeRejection.AUTH_ERROR_CODE, Long.toString(f.authErrCode()));
            }
        }
        response.setContentLength(0);
    }
}
