package dev.larkee.callback;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/** Lenient reads from the platform's JSON: a field of the wrong shape reads as absent, never as a crash. */
final class Json {

    private Json() {
    }

    static String text(JsonObject o, String key) {
        if (o == null) {
            return null;
        }
        JsonValue v = o.get(key);
        return v instanceof JsonString s ? s.getString() : null;
    }

    static JsonObject object(JsonObject o, String key) {
        if (o == null) {
            return null;
        }
        JsonValue v = o.get(key);
        return v instanceof JsonObject j ? j : null;
    }

    static JsonObject objectOrEmpty(JsonObject o, String key) {
        JsonObject j = object(o, key);
        return j == null ? JsonValue.EMPTY_JSON_OBJECT : j;
    }

    static Boolean bool(JsonObject o, String key) {
        if (o == null) {
            return null;
        }
        JsonValue v = o.get(key);
        if (v == JsonValue.TRUE) {
            return Boolean.TRUE;
        }
        return v == JsonValue.FALSE ? Boolean.FALSE : null;
    }

    static List<String> strings(JsonObject o, String key) {
        if (o == null || !(o.get(key) instanceof JsonArray a)) {
            return null;
        }
        return a.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList();
    }
}
