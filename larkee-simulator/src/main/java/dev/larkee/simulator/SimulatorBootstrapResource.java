package dev.larkee.simulator;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The simulated {@code POST /callback/ws/endpoint} (spec §2), under {@code /api/simulator}; 404 when the simulator is off. */
@Path("simulator/callback/ws/endpoint")
@RequestScoped
public class SimulatorBootstrapResource {

    @Inject
    PlatformSimulator simulator;

    @Context
    HttpServletRequest request;

    @POST
    public Response endpoint(String body) {
        if (!simulator.active() || !SimulatorGate.passed(request)) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        String wsBase = "ws://" + request.getServerName() + ":" + request.getServerPort() + request.getContextPath();
        PlatformSimulator.BootstrapReply reply = simulator.bootstrap(body == null ? "" : body, wsBase);
        return Response.status(reply.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(reply.json()).build();
    }
}
