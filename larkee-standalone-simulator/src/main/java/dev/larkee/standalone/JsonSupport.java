package dev.larkee.standalone;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.util.Optional;

/**
 * JSON-P through one provider looked up once: {@code Json.createXxx} repeats a service-loader scan
 * on every call, which shows under load.
 */
final class JsonSupport {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonSupport() {
    }

    static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    /** The bytes as a JSON object; empty for anything else, malformed input included. */
    static Optional<JsonObject> parseObject(byte[] utf8) {
        try (JsonReader reader = PROVIDER.createReader(new ByteArrayInputStream(utf8))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject o ? Optional.of(o) : Optional.empty();
        } catch (RuntimeException e) { // JsonException, or Parsson's plain RuntimeException past its nesting limit
            return Optional.empty();
        }
    }
}
