package dev.larkee.callback;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The answer to a {@link CardAction}: a toast, a replacement card, or both (either may be null). */
@JsonbPropertyOrder({"toast", "card"})
public record CardActionReply(@JsonbProperty("toast") Toast toast, @JsonbProperty("card") Card card) {

    public static CardActionReply toast(Toast toast) {
        return new CardActionReply(toast, null);
    }

    public static CardActionReply card(Card card) {
        return new CardActionReply(null, card);
    }
}
