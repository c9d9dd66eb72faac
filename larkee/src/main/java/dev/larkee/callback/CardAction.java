package dev.larkee.callback;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.JsonObject;
import java.util.concurrent.CompletionStage;

/**
 * {@code card.action.trigger}: a user clicked, selected or submitted something on a card (new card
 * callbacks). Reply with a {@link CardActionReply}: a toast, a new card, or both; no reply leaves
 * the card as it is.
 */
public final class CardAction extends InteractiveCallback<CardActionReply> {

    public static final String TYPE = "card.action.trigger";

    private final String token;
    private final CardActionDetail action;
    private final String deliveryType;

    public CardAction(JsonObject raw) {
        super(raw);
        JsonObject event = event();
        token = Json.text(event, "token");
        action = CardActionDetail.from(Json.objectOrEmpty(event, "action"));
        deliveryType = Json.text(event, "delivery_type");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The card-update credential ({@code c-…}): valid 30 minutes, to update the card later. */
    public String token() {
        return token;
    }

    public CardActionDetail action() {
        return action;
    }

    /** How the card was delivered, e.g. {@code url_preview}. */
    public String deliveryType() {
        return deliveryType;
    }

    /**
     * Replaces the card with {@code card} (the complete new card JSON) through the platform's open API,
     * after this callback has been answered: for work that outlives the 3 seconds. Reply in time first
     * (say, a toast "Working on it…"), then call this when the work is done, within 30 minutes; the
     * platform takes at most 2 updates per callback. Never completes exceptionally: see {@link CardUpdate}.
     */
    public CompletionStage<CardUpdate> updateCard(JsonObject card) {
        return CDI.current().select(CardUpdater.class).get().update(this, card);
    }
}
