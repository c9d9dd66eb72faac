package dev.larkee.dispatch;

import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/** Writes observer replies as compact JSON: JSON-P values as they are, records through JSON-B (nulls left out). */
final class ReplyWriter {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    private ReplyWriter() {
    }

    static String write(Object reply) {
        if (reply instanceof JsonValue json) {
            return json.toString();
        }
        if (reply instanceof CharSequence) {
            throw new IllegalArgumentException("a reply must be a JSON value or a reply record, not a String");
        }
        return JSONB.toJson(reply);
    }
}
