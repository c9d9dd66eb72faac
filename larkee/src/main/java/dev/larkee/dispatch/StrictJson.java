package dev.larkee.dispatch;

import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Bodies as the platform sends them, and nothing looser: strict UTF-8 (a lenient decoder would turn
 * bad bytes into U+FFFD and parse on), exactly one JSON object, no duplicate keys (parsers disagree
 * on which one wins, so a signed body could mean two things), nothing but whitespace after it. Both
 * transports read every payload through here, so they accept and refuse the same bytes.
 */
public final class StrictJson {

    /** Made once: every provider lookup is a {@code ServiceLoader} scan of the class path. */
    private static final JsonParserFactory PARSERS = JsonProvider.provider()
            .createParserFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE,
                    // Parsson's parsers honour only its own switch; readers take the standard one.
                    "org.eclipse.parsson.rejectDuplicateKeys", true));

    private StrictJson() {
    }

    /** Why a body was refused: a short phrase for logs and error bodies, never the body itself. */
    public static final class Refusal extends Exception {
        private final boolean notUtf8;

        private Refusal(String reason) {
            this(reason, false);
        }

        private Refusal(String reason, boolean notUtf8) {
            super(reason, null, false, false);
            this.notUtf8 = notUtf8;
        }

        /** Whether the bytes were not strict UTF-8 (rather than not the one JSON object they must be). */
        public boolean notUtf8() {
            return notUtf8;
        }
    }

    /**
     * The object {@code bytes} hold, or a refusal naming what is wrong with them. The bytes are checked
     * and parsed where they are: no decoded copy of the body is made (the long connection's
     * allocations, and so its collections, are mostly per-message copies).
     */
    public static JsonObject parse(byte[] bytes) throws Refusal {
        if (!Utf8.wellFormed(bytes)) {
            throw new Refusal("not UTF-8", true);
        }
        return parse(PARSERS.createParser(new Utf8Reader(bytes)));
    }

    /** The object {@code text} holds, or a refusal naming what is wrong with it. */
    public static JsonObject parse(String text) throws Refusal {
        return parse(PARSERS.createParser(new StringReader(text)));
    }

    private static JsonObject parse(JsonParser created) throws Refusal {
        try (JsonParser parser = created) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new Refusal("not a JSON object");
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw new Refusal("data after the JSON object");
            }
            return object;
        } catch (RuntimeException e) {
            // JsonParsingException, a duplicate key (JsonException), and Parsson's plain
            // RuntimeException past its nesting limit: all the same to the sender.
            throw new Refusal(e.getMessage() != null && e.getMessage().contains("Duplicate")
                    ? "duplicate key in a JSON object" : "not a well-formed JSON object");
        }
    }

    /** {@code bytes} decoded as UTF-8, refusing malformed input. */
    public static String utf8(byte[] bytes) throws Refusal {
        return utf8Text(bytes).orElseThrow(() -> new Refusal("not UTF-8", true));
    }

    private static Optional<String> utf8Text(byte[] bytes) {
        return Utf8.wellFormed(bytes) ? Optional.of(new String(bytes, StandardCharsets.UTF_8)) : Optional.empty();
    }
}
