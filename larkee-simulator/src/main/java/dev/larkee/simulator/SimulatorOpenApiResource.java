package dev.larkee.simulator;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;

/** The simulated open API ({@link SimulatedOpenApi}) under {@code /api/simulator/open-apis}; 404 when the simulator is off. */
@Path("simulator/open-apis")
@RequestScoped
public class SimulatorOpenApiResource {

    @Inject
    PlatformSimulator simulator;

    @Inject
    SimulatedOpenApi openApi;

    @Context
    HttpServletRequest request;

    @POST
    @Path("auth/v3/tenant_access_token/internal")
    public Response tenantAccessToken(String body) {
        if (!open()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        return reply(openApi.tenantAccessToken(json(body)));
    }

    @POST
    @Path("interactive/v1/card/update")
    public Response updateCard(@HeaderParam("Authorization") String authorization, String body) {
        if (!open()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        return reply(openApi.updateCard(authorization, json(body)));
    }

    private boolean open() {
        return simulator.active() && SimulatorGate.passed(request);
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            return reader.readValue() instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        } catch (RuntimeException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    private static Response reply(SimulatedOpenApi.Reply r) {
        return Response.status(r.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(r.body().toString()).build();
    }
}
