package dev.larkee.standalone;

import jakarta.json.JsonObject;
import java.util.UUID;

/**
 * The plaintext {@code card.action.trigger} callback (webhook spec §8; schema 2.0, the same JSON as
 * larkee-simulator's {@code CallbackPayloads}) with a fresh {@code header.event_id} every time, for
 * synthetic load. Over the long connection it travels as a {@code type=event} frame (spec §7.3).
 */
public final class CardActionPayloads {

    /** The simulated tenant of every payload. */
    public static final String TENANT_KEY = "2ca1d211f64f6438";
    /** The simulated user who clicks. */
    public static final String OPEN_ID = "ou_simulated_user_0001";

    private CardActionPayloads() {
    }

    /**
     * @param appId             put into {@code header.app_id}
     * @param verificationToken put into {@code header.token}, where the platform puts the app's Verification Token
     * @param value             the clicked button's {@code event.action.value}
     */
    public static String cardActionTrigger(String appId, String verificationToken, JsonObject value) {
        JsonObject event = JsonSupport.object()
                .add("operator", JsonSupport.object().add("tenant_key", TENANT_KEY).add("user_id", "simulated")
                        .add("open_id", OPEN_ID).add("union_id", "on_simulated_user_0001"))
                .add("token", "c-" + hex())
                .add("action", JsonSupport.object().add("value", value).add("tag", "button"))
                .add("host", "im_message")
                .add("context", JsonSupport.object().add("open_message_id", "om_" + hex())
                        .add("open_chat_id", "oc_simulated_chat"))
                .build();
        return JsonSupport.object()
                .add("schema", "2.0")
                .add("header", JsonSupport.object()
                        .add("event_id", hex())
                        .add("token", verificationToken)
                        .add("create_time", Long.toString(System.currentTimeMillis()))
                        .add("event_type", "card.action.trigger")
                        .add("tenant_key", TENANT_KEY)
                        .add("app_id", appId))
                .add("event", event)
                .build()
                .toString();
    }

    /** A JSON object for {@code value}: {@code {"action":<action>,"n":<n>}}, handy for numbered load. */
    public static JsonObject value(String action, long n) {
        return JsonSupport.object().add("action", action).add("n", n).build();
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
