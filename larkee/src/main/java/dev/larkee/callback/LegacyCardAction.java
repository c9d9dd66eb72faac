package dev.larkee.callback;

import jakarta.json.JsonObject;

/**
 * A legacy message-card interaction (the "message card request URL", webhook only). Reply with a
 * complete message-card JSON to replace the card; no reply leaves it unchanged. Legacy callbacks
 * carry no id: make the action idempotent with fields of {@code action.value}.
 */
public final class LegacyCardAction extends Callback<JsonObject> {

    public static final String TYPE = "card.legacy";

    private final String openId;
    private final String userId;
    private final String openMessageId;
    private final String openChatId;
    private final String tenantKey;
    private final String token;
    private final String timezone;
    private final CardActionDetail action;

    public LegacyCardAction(JsonObject raw) {
        super(raw);
        openId = Json.text(raw, "open_id");
        userId = Json.text(raw, "user_id");
        openMessageId = Json.text(raw, "open_message_id");
        openChatId = Json.text(raw, "open_chat_id");
        tenantKey = Json.text(raw, "tenant_key");
        token = Json.text(raw, "token");
        timezone = Json.text(raw, "timezone");
        action = CardActionDetail.from(Json.objectOrEmpty(raw, "action"));
    }

    @Override
    public String id() {
        return "";
    }

    @Override
    public String type() {
        return TYPE;
    }

    public String openId() {
        return openId;
    }

    public String userId() {
        return userId;
    }

    public String openMessageId() {
        return openMessageId;
    }

    public String openChatId() {
        return openChatId;
    }

    public String tenantKey() {
        return tenantKey;
    }

    /** The card-update credential ({@code c-…}), not the Verification Token. */
    public String token() {
        return token;
    }

    public String timezone() {
        return timezone;
    }

    public CardActionDetail action() {
        return action;
    }
}
