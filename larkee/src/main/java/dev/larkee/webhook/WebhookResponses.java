package dev.larkee.webhook;

import dev.larkee.dispatch.DispatchResult;
import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/** Dispatch results and refusals as the HTTP answers the platform expects (webhook.md §3 and §9.2). */
final class WebhookResponses {

    /** Made once: each {@code Json.createObjectBuilder()} looks the provider up with a class-path scan (a refusal flood pays it per request). */
    static final jakarta.json.JsonBuilderFactory JSON = Json.createBuilderFactory(java.util.Map.of());

    /** Parsed once: {@code type(String)} would parse the media type on every response. */
    private static final MediaType JSON_UTF8 = MediaType.valueOf(WebhookResource.JSON_UTF8);
    private static final String SUCCESS = "{\"msg\":\"success\"}";
    private static final String IGNORED = "{\"msg\":\"ignored\"}";

    private WebhookResponses() {
    }

    static Response of(DispatchResult result) {
        return switch (result.outcome()) {
            case REPLIED -> json(200, result.replyJson());
            case NO_REPLY, LATE -> json(200, result.callback() ? result.replyJson() : SUCCESS);
            case DUPLICATE -> json(200, result.replyJson() != null ? result.replyJson()
                    : result.callback() ? DispatchResult.EMPTY_REPLY : SUCCESS);
            case UNOBSERVED -> json(200, result.callback() ? result.replyJson() : IGNORED);
            // A 5xx makes the platform retry an event (15 s, 5 min, 1 h, 6 h).
            case FAILED -> json(500, JSON.createObjectBuilder().add("msg", "observer failed")
                    .add("event_id", result.id() == null ? "" : result.id()).build().toString());
            case BUSY -> json(503, "{\"msg\":\"overloaded\"}");
        };
    }

    static Response error(int status, String check, String message) {
        return json(status, JSON.createObjectBuilder().add("msg", message).add("check", check).build().toString());
    }

    /**
     * The body as UTF-8 bytes: Jersey writes a {@code String} entity through an
     * {@code OutputStreamWriter}, whose encoder allocates 8 KiB per response (5 % of the webhook's
     * allocations).
     */
    static Response json(int status, String body) {
        return Response.status(status).type(JSON_UTF8).entity(body.getBytes(StandardCharsets.UTF_8)).build();
    }
}
