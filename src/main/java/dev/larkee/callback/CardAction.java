package dev.larkee.callback;

import jakarta.json.JsonObject;

/**
 * {@code card.action.trigger}: a user clicked, selected or submitted something on a card (new card
 * callbacks). Reply with a {@link CardActionReply}: a toast, a new card, or both; no reply leaves
 * the card as it is.
 */
public final class CardAction extends Callback<CardActionReply> {

    public static final String TYPE = "card.action.trigger";

    private final EventHeader header;
    private final Operator operator;
    private final String token;
    private final CardActionDetail action;
    private final String host;
    private final String deliveryType;
    private final CallbackContext context;

    public CardAction(JsonObject raw) {
        super(raw);
        JsonObject event = Json.objectOrEmpty(raw, "event");
        header = EventHeader.from(Json.objectOrEmpty(raw, "header"));
        operator = Operator.from(Json.objectOrEmpty(event, "operator"));
        token = Json.text(event, "token");
        action = CardActionDetail.from(Json.objectOrEmpty(event, "action"));
        host = Json.text(event, "host");
        deliveryType = Json.text(event, "delivery_type");
        context = CallbackContext.from(Json.objectOrEmpty(event, "context"));
    }

    @Override
    public String id() {
        return header.eventId();
    }

    @Override
    public String type() {
        return TYPE;
    }

    public EventHeader header() {
        return header;
    }

    public Operator operator() {
        return operator;
    }

    /** The card-update credential ({@code c-…}): valid 30 minutes, to update the card later. */
    public String token() {
        return token;
    }

    public CardActionDetail action() {
        return action;
    }

    /** {@code im_message} or {@code im_top_notice}. */
    public String host() {
        return host;
    }

    /** How the card was delivered, e.g. {@code url_preview}. */
    public String deliveryType() {
        return deliveryType;
    }

    public CallbackContext context() {
        return context;
    }
}
