package dev.larkee.callback;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Objects;

/**
 * A card in a callback reply: {@code raw} (a full card JSON) or {@code template} (a card built in
 * the card builder, with its variables).
 */
@JsonbPropertyOrder({"type", "data"})
public record Card(@JsonbProperty("type") String type, @JsonbProperty("data") JsonObject data) {

    public Card {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if (!type.equals("raw") && !type.equals("template")) {
            throw new IllegalArgumentException("card type must be raw or template, was " + type);
        }
    }

    /** A complete card JSON. */
    public static Card raw(JsonObject card) {
        return new Card("raw", card);
    }

    /** A card-builder template; {@code versionName} may be null for the latest version. */
    public static Card template(String templateId, JsonObject variables, String versionName) {
        JsonObjectBuilder data = Json.createObjectBuilder().add("template_id", Objects.requireNonNull(templateId));
        if (variables != null) {
            data.add("template_variable", variables);
        }
        if (versionName != null) {
            data.add("template_version_name", versionName);
        }
        return new Card("template", data.build());
    }
}
