package dev.larkee.simulator;

import dev.larkee.configuration.LarkeeConfiguration;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The dev console page exists only while larkee runs against the simulator; otherwise it is a 404. */
@WebFilter("/console/*")
public class ConsoleGate extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient LarkeeConfiguration configuration;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!configuration.simulated()) {
            response.setStatus(404);
            response.setContentType("application/json; charset=utf-8");
            response.getWriter().write("{\"msg\":\"the dev console is off: larkee has app credentials\",\"check\":\"simulator\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
