package dev.larkee.simulator;

import dev.larkee.LarkeePaths;
import dev.larkee.configuration.LarkeeConfiguration;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * The door to everything the simulator serves: the dev console page, its API, the simulated
 * platform's bootstrap and WebSocket. Closed (404) unless {@code larkee.simulator.enabled=true};
 * open to loopback clients only unless {@code larkee.simulator.remote-clients=true}, since whoever
 * reaches the console can fire callbacks into the application's observers; and a state-changing
 * console call must come from the console's own origin, so no other web page a developer has open
 * can drive it from the browser. Declared with {@code @WebFilter}, not registered by a listener: a
 * declared filter comes before the WebSocket runtime's own (added by its initializer), so on Payara
 * the gate also sees the WebSocket upgrades (WildFly's Undertow answers those before any filter;
 * there the ticket, which only the gated bootstrap hands out, guards them). {@link SimulatorFilters}
 * adds larkee's API path. The simulator's resources answer only requests that came through here ({@link #passed}), so the same resources picked up by an
 * application's own Jakarta REST application under its own path stay shut.
 */
@WebFilter(filterName = SimulatorGate.NAME, urlPatterns = {"/console/*", "/simulator/*"}, asyncSupported = true)
public class SimulatorGate extends HttpFilter {

    static final String NAME = "dev.larkee.simulator.SimulatorGate";

    private static final long serialVersionUID = 1L;
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String PASSED = SimulatorGate.class.getName() + ".passed";
    /** A script the console page loads first: where larkee's API is, as the WAR maps it. */
    static final String API_BASE_SCRIPT = "/console/api-base.js";

    @Inject
    transient LarkeeConfiguration configuration;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!configuration.simulated()) {
            refuse(response, 404, "simulator", "the simulator is off (" + LarkeeConfiguration.SIMULATOR_ENABLED
                    + " is not true)");
            return;
        }
        if (!configuration.simulatorRemoteClients() && !isLoopback(request.getRemoteAddr())) {
            refuse(response, 403, "simulator-client", "the simulator answers loopback clients only ("
                    + LarkeeConfiguration.SIMULATOR_REMOTE_CLIENTS + "=true allows others)");
            return;
        }
        if (!READS.contains(request.getMethod()) && !sameOrigin(request)) {
            refuse(response, 403, "origin", "the console's calls must come from the console's own page");
            return;
        }
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.equals(API_BASE_SCRIPT)) {
            response.setContentType("text/javascript; charset=utf-8");
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().write("window.LARKEE_API = '" + request.getContextPath()
                    + LarkeePaths.apiPath(request.getServletContext()) + "';\n");
            return;
        }
        request.setAttribute(PASSED, Boolean.TRUE);
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            chain.doFilter(request, response);
            return;
        }
        UpgradesUnderWay.started();
        try {
            chain.doFilter(request, response);
        } finally {
            UpgradesUnderWay.finished();
        }
    }

    /** Whether {@code request} came through this gate: what the simulator's own resources answer. */
    static boolean passed(HttpServletRequest request) {
        return request != null && request.getAttribute(PASSED) == Boolean.TRUE;
    }

    static boolean isLoopback(String address) {
        if (address == null || address.isEmpty()) {
            return false;
        }
        try {
            // A literal address (what getRemoteAddr gives): no name lookup happens.
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * No {@code Origin} (curl, the test kit, the platform simulator's own clients), or one naming this
     * very host and port; and no browser saying the request is cross-site.
     */
    static boolean sameOrigin(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String host = request.getHeader("Host");
        try {
            URI o = URI.create(origin);
            return host != null && o.getScheme() != null && o.getScheme().equals(request.getScheme())
                    && (o.getPort() == -1 ? o.getHost() : o.getHost() + ":" + o.getPort()).equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse response, int status, String check, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json; charset=utf-8");
        response.getWriter().write("{\"msg\":\"" + message + "\",\"check\":\"" + check + "\"}");
    }
}
