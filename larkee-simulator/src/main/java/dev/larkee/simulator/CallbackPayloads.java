package dev.larkee.simulator;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Objects;
import java.util.UUID;

/**
 * The plaintext JSON the platform sends for each kind of callback (webhook.md §8), with a fresh
 * event id each time, for one app. The same JSON travels by either transport: as a webhook body
 * (encrypted and signed by {@link WebhookRequest}) or as a long-connection frame payload.
 *
 * @param appId             the app's id, put in every header
 * @param verificationToken the Verification Token, put where the platform puts it
 */
public record CallbackPayloads(String appId, String verificationToken) {

    /** Made once: each {@code Json.createObjectBuilder()} looks the provider up anew (load runs build many payloads). */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(java.util.Map.of());

    public static final String TENANT_KEY = "2ca1d211f64f6438";
    public static final String OPEN_ID = "ou_simulated_user_0001";

    public CallbackPayloads {
        Objects.requireNonNull(appId);
        Objects.requireNonNull(verificationToken);
    }

    /** {@code card.action.trigger} for a button whose {@code action.value} is {@code value} (object or string). */
    public JsonObject cardAction(JsonValue value) {
        JsonObject event = JSON.createObjectBuilder()
                .add("operator", operator())
                .add("token", "c-" + hex())
                .add("action", JSON.createObjectBuilder().add("value", value).add("tag", "button"))
                .add("host", "im_message")
                .add("context", JSON.createObjectBuilder().add("open_message_id", "om_" + hex())
                        .add("open_chat_id", "oc_simulated_chat"))
                .build();
        return v2("card.action.trigger", event);
    }

    /** {@code url.preview.get} for a link. */
    public JsonObject urlPreview(String url) {
        JsonObject event = JSON.createObjectBuilder()
                .add("operator", operator())
                .add("host", "im_message")
                .add("context", JSON.createObjectBuilder().add("url", url).add("preview_token", "pt-" + hex())
                        .add("open_message_id", "om_" + hex()).add("open_chat_id", "oc_simulated_chat"))
                .build();
        return v2("url.preview.get", event);
    }

    /** Any schema 2.0 event with the given event object. */
    public JsonObject v2(String eventType, JsonObject event) {
        return JSON.createObjectBuilder()
                .add("schema", "2.0")
                .add("header", JSON.createObjectBuilder()
                        .add("event_id", hex())
                        .add("token", verificationToken)
                        .add("create_time", Long.toString(System.currentTimeMillis()))
                        .add("event_type", eventType)
                        .add("tenant_key", TENANT_KEY)
                        .add("app_id", appId))
                .add("event", event)
                .build();
    }

    /** A v1 ("customized") event such as {@code out_approval}; {@code fields} go into {@code event} beside its type. */
    public JsonObject customizedEvent(String type, JsonObject fields) {
        JsonObjectBuilder event = JSON.createObjectBuilder(fields == null ? JsonValue.EMPTY_JSON_OBJECT : fields)
                .add("type", type).add("app_id", appId).add("tenant_key", TENANT_KEY);
        return JSON.createObjectBuilder()
                .add("ts", String.format("%.6f", System.currentTimeMillis() / 1000.0))
                .add("uuid", hex())
                .add("token", verificationToken)
                .add("type", "event_callback")
                .add("event", event)
                .build();
    }

    /** A legacy message-card action (webhook only) whose {@code action.value} is {@code value}. */
    public JsonObject legacyCardAction(JsonValue value) {
        return JSON.createObjectBuilder()
                .add("open_id", OPEN_ID)
                .add("user_id", "simulated")
                .add("open_message_id", "om_" + hex())
                .add("open_chat_id", "oc_simulated_chat")
                .add("tenant_key", TENANT_KEY)
                .add("token", "c-" + hex())
                .add("action", JSON.createObjectBuilder().add("value", value).add("tag", "button"))
                .build();
    }

    /** The URL verification the platform sends when a request URL is saved. */
    public JsonObject urlVerification(String challenge) {
        return JSON.createObjectBuilder().add("challenge", challenge).add("token", verificationToken)
                .add("type", "url_verification").build();
    }

    private static JsonObject operator() {
        return JSON.createObjectBuilder().add("tenant_key", TENANT_KEY).add("user_id", "simulated")
                .add("open_id", OPEN_ID).add("union_id", "on_simulated_user_0001").build();
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
