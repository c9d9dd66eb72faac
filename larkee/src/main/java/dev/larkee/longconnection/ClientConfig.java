package dev.larkee.longconnection;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tuning the platform pushes in the bootstrap answer and in pongs (spec §5.3). Updates are
 * merged key by key: a key that is missing, not an integer or out of range keeps its old value,
 * so a bad push can never stop the ping loop or make it spin.
 *
 * @param pingIntervalSeconds      application ping period; accepted 1..600 s, default 120
 * @param reconnectCount           reconnect attempts per episode; any negative value means unlimited (-1, default)
 * @param reconnectIntervalSeconds cap of the back-off between failed attempts; accepted 1..600 s, default 120
 * @param reconnectNonceSeconds    upper bound of the random delay before the first reconnect; 0..600 s, default 30
 */
public record ClientConfig(int pingIntervalSeconds, int reconnectCount, int reconnectIntervalSeconds,
        int reconnectNonceSeconds) {

    public static final String PING_INTERVAL = "PingInterval";
    public static final String RECONNECT_COUNT = "ReconnectCount";
    public static final String RECONNECT_INTERVAL = "ReconnectInterval";
    public static final String RECONNECT_NONCE = "ReconnectNonce";

    /** Every SDK's defaults, used until the platform says otherwise. */
    public static final ClientConfig DEFAULTS = new ClientConfig(120, -1, 120, 30);

    private static final int MAX_SECONDS = 600;

    public ClientConfig {
        check(PING_INTERVAL, pingIntervalSeconds, 1, MAX_SECONDS);
        check(RECONNECT_INTERVAL, reconnectIntervalSeconds, 1, MAX_SECONDS);
        check(RECONNECT_NONCE, reconnectNonceSeconds, 0, MAX_SECONDS);
        reconnectCount = Math.max(reconnectCount, -1);
    }

    private static void check(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** The outcome of a merge: the new config and the keys that were present but rejected. */
    public record Merge(ClientConfig config, List<String> rejected) {
    }

    /** Merges the present and sane keys of {@code json} into this config. */
    public Merge merge(JsonObject json) {
        List<String> rejected = new ArrayList<>();
        int ping = pick(json, PING_INTERVAL, pingIntervalSeconds, 1, MAX_SECONDS, rejected);
        int count = pick(json, RECONNECT_COUNT, reconnectCount, Integer.MIN_VALUE, Integer.MAX_VALUE, rejected);
        int interval = pick(json, RECONNECT_INTERVAL, reconnectIntervalSeconds, 1, MAX_SECONDS, rejected);
        int nonce = pick(json, RECONNECT_NONCE, reconnectNonceSeconds, 0, MAX_SECONDS, rejected);
        return new Merge(new ClientConfig(ping, count, interval, nonce), List.copyOf(rejected));
    }

    /** Parses a pong payload; empty when it is not a JSON object (the caller logs that). */
    public static Optional<JsonObject> parse(byte[] payload) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(payload))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject o ? Optional.of(o) : Optional.empty();
        } catch (RuntimeException e) { // JsonException, or Parsson past its nesting limit
            return Optional.empty();
        }
    }

    private static int pick(JsonObject json, String key, int old, long min, long max, List<String> rejected) {
        JsonValue v = json.get(key);
        if (v == null || v == JsonValue.NULL) {
            return old;
        }
        if (v instanceof JsonNumber n && n.isIntegral()) {
            try {
                long value = n.longValueExact();
                if (value >= min && value <= max) {
                    return (int) value;
                }
            } catch (ArithmeticException tooBig) {
                // falls through to rejected: a value outside long is certainly out of range
            }
        }
        rejected.add(key + "=" + v);
        return old;
    }

    /** All four keys, as the platform sends them. */
    public JsonObject toJson() {
        return Json.createObjectBuilder()
                .add(PING_INTERVAL, pingIntervalSeconds)
                .add(RECONNECT_COUNT, reconnectCount)
                .add(RECONNECT_INTERVAL, reconnectIntervalSeconds)
                .add(RECONNECT_NONCE, reconnectNonceSeconds)
                .build();
    }
}
