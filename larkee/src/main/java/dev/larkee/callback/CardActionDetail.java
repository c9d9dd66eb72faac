package dev.larkee.callback;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import java.util.List;
import java.util.Optional;

/**
 * The {@code action} of a card interaction. The platform's docs allow {@code value} to be a JSON
 * object <em>or a string</em>; every official SDK crashes on the string form. larkee keeps the value
 * as it came ({@link #value()}) and offers typed accessors: {@link #valueAsObject()} and
 * {@link #valueAsString()} throw {@link CardValueException} naming the actual shape, and
 * {@link #valueField(String)} reads one key of an object value and is empty for a string value.
 */
public record CardActionDetail(
        @JsonbProperty("value") JsonValue value,
        @JsonbProperty("tag") String tag,
        @JsonbProperty("option") String option,
        @JsonbProperty("timezone") String timezone,
        @JsonbProperty("name") String name,
        @JsonbProperty("form_value") JsonObject formValue,
        @JsonbProperty("input_value") String inputValue,
        @JsonbProperty("checked") Boolean checked,
        @JsonbProperty("options") List<String> options) {

    static CardActionDetail from(JsonObject a) {
        JsonValue value = a == null ? null : a.get("value");
        return new CardActionDetail(value, Json.text(a, "tag"), Json.text(a, "option"), Json.text(a, "timezone"),
                Json.text(a, "name"), Json.object(a, "form_value"), Json.text(a, "input_value"),
                Json.bool(a, "checked"), Json.strings(a, "options"));
    }

    /** True when {@code value} is a JSON object (the usual form). */
    @JsonbTransient
    public boolean valueIsObject() {
        return value instanceof JsonObject;
    }

    /** True when {@code value} is a JSON string (allowed by the platform, fatal to the official SDKs). */
    @JsonbTransient
    public boolean valueIsString() {
        return value instanceof JsonString;
    }

    /** The value as a JSON object. */
    public JsonObject valueAsObject() {
        if (value instanceof JsonObject o) {
            return o;
        }
        throw new CardValueException("card action.value is " + shape() + ", not a JSON object"
                + (valueIsString() ? "; read it with valueAsString()" : ""));
    }

    /** The value as a string. */
    public String valueAsString() {
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new CardValueException("card action.value is " + shape() + ", not a string"
                + (valueIsObject() ? "; read it with valueAsObject()" : ""));
    }

    /** One string member of an object value; empty when absent, not a string, or the value is not an object. */
    public Optional<String> valueField(String key) {
        return value instanceof JsonObject o ? Optional.ofNullable(Json.text(o, key)) : Optional.empty();
    }

    private String shape() {
        if (value == null || value == JsonValue.NULL) {
            return "absent";
        }
        return switch (value.getValueType()) {
            case OBJECT -> "a JSON object";
            case STRING -> "a JSON string";
            case ARRAY -> "a JSON array";
            case NUMBER -> "a JSON number";
            default -> "a JSON " + value.getValueType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
