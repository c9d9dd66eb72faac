package dev.larkee.simulator;

import dev.larkee.configuration.LarkeeConfiguration;
import dev.larkee.longconnection.ConnectionStatus;
import dev.larkee.longconnection.LongConnections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;

/**
 * The dev console's backend ({@code /api/simulator/console}): larkee's connection state, sending a
 * callback by either transport, the recent exchanges, and the scenario buttons. 404 unless larkee
 * runs against the simulator.
 */
@ApplicationScoped
@Path("simulator/console")
@Produces("application/json; charset=utf-8")
public class ConsoleResource {

    @Inject
    LarkeeConfiguration configuration;

    // JAX-RS's per-request proxy, not CDI's HttpServletRequest bean: on Payara, Weld's request context
    // can still be associated with an earlier, aborted request on the same thread (WELD-000717), and
    // the CDI bean then resolves to that recycled request.
    @Context
    HttpServletRequest request;

    @Inject
    SimulatorTestKit kit;

    @Inject
    PlatformSimulator simulator;

    @Inject
    LongConnections longConnections;

    @Inject
    ExchangeLog log;

    @GET
    @Path("state")
    public Response state() {
        if (!open()) {
            return notFound();
        }
        JsonArrayBuilder conns = Json.createArrayBuilder();
        for (ConnectionStatus s : longConnections.status()) {
            JsonObjectBuilder c = Json.createObjectBuilder()
                    .add("index", s.index())
                    .add("state", s.state().name().toLowerCase(java.util.Locale.ROOT))
                    .add("deviceId", s.deviceId())
                    .add("alive", s.alive())
                    .add("reconnects", Math.max(0, s.attempts() - 1))
                    .add("lastError", s.state() == dev.larkee.longconnection.ConnectionState.CONNECTED ? "" : s.lastError());
            c.add("lastPong", s.lastPong() == null ? "" : s.lastPong().toString());
            conns.add(c);
        }
        JsonArrayBuilder exchanges = Json.createArrayBuilder();
        for (Exchange x : log.recent()) {
            JsonObjectBuilder e = Json.createObjectBuilder().add("at", x.at().toString()).add("transport", x.transport())
                    .add("type", x.type()).add("eventId", x.eventId()).add("status", x.status())
                    .add("latencyMs", x.latencyMs());
            e.add("reply", x.reply() == null ? JsonValue.NULL : Json.createValue(x.reply()));
            e.add("problem", x.problem() == null ? JsonValue.NULL : Json.createValue(x.problem()));
            exchanges.add(e);
        }
        return Response.ok(Json.createObjectBuilder().add("appId", configuration.appId()).add("connections", conns)
                .add("exchanges", exchanges).build().toString()).build();
    }

    @POST
    @Path("send")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(String body) {
        if (!open()) {
            return notFound();
        }
        JsonObject form;
        try {
            form = parseObject(body, "the request");
        } catch (IllegalArgumentException e) {
            return problem(e.getMessage());
        }
        String kind = form.getString("kind", "");
        boolean webhook = "webhook".equals(form.getString("transport", "long-connection"));
        JsonObject payload;
        try {
            payload = switch (kind) {
                case "card" -> kit.payloads().cardAction(parseValue(form.getString("value", ""), "action.value"));
                case "preview" -> kit.payloads().urlPreview(required(form.getString("url", ""), "the link"));
                case "customized" -> kit.payloads().customizedEvent(required(form.getString("eventType", ""), "the event type"),
                        parseObject(form.getString("fields", "{}"), "the event fields"));
                case "legacy" -> kit.payloads().legacyCardAction(parseValue(form.getString("value", ""), "action.value"));
                case "raw" -> parseObject(form.getString("raw", ""), "the raw JSON");
                default -> throw new IllegalArgumentException("unknown kind '" + kind + "'");
            };
        } catch (IllegalArgumentException e) {
            return problem(e.getMessage());
        }
        Exchange x;
        if (kind.equals("legacy")) {
            x = kit.webhook().sendLegacyCard(payload);
        } else if (webhook) {
            x = kit.webhook().sendEvent(payload);
        } else {
            x = kit.longConnection(payload);
        }
        JsonObjectBuilder r = Json.createObjectBuilder().add("transport", x.transport()).add("status", x.status())
                .add("latencyMs", x.latencyMs());
        r.add("reply", x.reply() == null ? JsonValue.NULL : Json.createValue(x.reply()));
        r.add("problem", x.problem() == null ? JsonValue.NULL : Json.createValue(x.problem()));
        return Response.ok(r.build().toString()).build();
    }

    @POST
    @Path("drop")
    public Response drop() {
        if (!open()) {
            return notFound();
        }
        int n = kit.dropConnections();
        return message(n == 0 ? "no connection to drop" : "dropped " + n + " connection(s); watch larkee reconnect");
    }

    @POST
    @Path("pings/stop")
    public Response stopPings() {
        if (!open()) {
            return notFound();
        }
        int n = kit.answerPings(false);
        return message("the simulator ignores pings on " + n + " connection(s); larkee's watchdog will reconnect");
    }

    @POST
    @Path("pings/resume")
    public Response resumePings() {
        if (!open()) {
            return notFound();
        }
        int n = kit.answerPings(true);
        return message("the simulator answers pings again on " + n + " connection(s)");
    }

    private static String required(String value, String what) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        return value;
    }

    private static JsonValue parseValue(String text, String what) {
        JsonValue v;
        try (var reader = Json.createReader(new StringReader(text))) {
            v = reader.readValue();
        } catch (RuntimeException e) { // also Parsson's plain RuntimeException past its nesting limit
            throw new IllegalArgumentException(what + " is not valid JSON (a string needs quotes: \"like this\")");
        }
        if (v.getValueType() != JsonValue.ValueType.OBJECT && v.getValueType() != JsonValue.ValueType.STRING) {
            throw new IllegalArgumentException(what + " must be a JSON object or a JSON string");
        }
        return v;
    }

    private static JsonObject parseObject(String text, String what) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (RuntimeException e) { // also Parsson's plain RuntimeException past its nesting limit
            throw new IllegalArgumentException(what + " is not a valid JSON object");
        }
    }

    private static Response message(String msg) {
        return Response.ok(Json.createObjectBuilder().add("msg", msg).build().toString()).build();
    }

    private static Response problem(String msg) {
        return Response.status(400).entity(Json.createObjectBuilder().add("msg", msg).add("check", "input").build().toString())
                .build();
    }

    /** Simulator on, and the request came through {@link SimulatorGate} (not an application's own REST path). */
    private boolean open() {
        return configuration.simulated() && SimulatorGate.passed(request);
    }

    private static Response notFound() {
        return Response.status(404).entity("{\"msg\":\"the simulator is off (larkee.simulator.enabled is not true)\",\"check\":\"simulator\"}")
                .build();
    }
}
