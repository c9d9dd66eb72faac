package dev.larkee.spec;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

/** The shared test vectors ({@code shared/spec/vectors.json}, copied into the test resources). */
public final class Vectors {

    private static final JsonObject ALL = load();

    private Vectors() {
    }

    private static JsonObject load() {
        try (InputStream in = Vectors.class.getResourceAsStream("/spec/vectors.json");
                JsonReader reader = Json.createReader(in)) {
            return reader.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonObject config() {
        return ALL.getJsonObject("config");
    }

    public static Stream<JsonObject> section(String name) {
        return ALL.getJsonArray(name).getValuesAs(JsonObject.class).stream();
    }

    public static List<JsonObject> http() {
        return ALL.getJsonArray("http").getValuesAs(JsonObject.class);
    }

    public static JsonObject http(String idPrefix) {
        return http().stream().filter(v -> v.getString("id").startsWith(idPrefix)).findFirst().orElseThrow();
    }

    /** The vectors' fixed clock: their timestamps are 1700000000..1700000004. */
    public static long clockSeconds() {
        return 1700000005L;
    }
}
