package dev.larkee.longconnection;

import dev.larkee.dispatch.WireText;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the answer of {@code POST /callback/ws/endpoint} (spec §2.2) and classifies failures
 * (§2.3, §13.1). Only clearly credential- or permission-related codes are fatal:
 * <ul>
 * <li>{@code 403} forbidden, {@code 514} auth failed, {@code 1000040350} over the 50-connection limit,
 *     {@code 1000040344} no credential;</li>
 * <li>{@code 10003} invalid app id and {@code 10014} invalid app secret, as the open platform's
 *     token endpoints name bad credentials.</li>
 * </ul>
 * Everything else is retried with back-off: transport errors, HTTP status other than 200, code 1
 * (system busy), 1000040343 (internal error), any unknown code, a missing {@code data} or URL, or
 * a URL that is not ws/wss with a host. Pure: no container.
 */
public final class BootstrapAnswer {

    /** Codes after which retrying cannot help. */
    public static final Set<Long> FATAL_CODES = Set.of(403L, 514L, 1000040350L, 1000040344L, 10003L, 10014L);

    private BootstrapAnswer() {
    }

    /**
     * @param status   the HTTP status
     * @param body     the response body (may be empty)
     * @param current  the ClientConfig to merge the answer's into
     * @param rejected told about ClientConfig keys that were present but not sane
     */
    public static Endpoint interpret(int status, String body, ClientConfig current, Consumer<String> rejected)
            throws ConnectFailure {
        if (status != 200) {
            throw ConnectFailure.retryable("bootstrap answered HTTP " + status);
        }
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject o)) {
                throw ConnectFailure.retryable("bootstrap answered something other than a JSON object");
            }
            json = o;
        } catch (JsonException e) {
            throw ConnectFailure.retryable("bootstrap answered invalid JSON");
        }
        long code = json.get("code") instanceof JsonNumber n ? n.longValue() : -1;
        String msg = json.get("msg") instanceof JsonString s ? WireText.forLog(s.getString()) : ""; // kept in last_error
        if (code != 0) {
            String text = "bootstrap refused with code " + code + (msg.isEmpty() ? "" : " (" + msg + ")");
            throw FATAL_CODES.contains(code) ? ConnectFailure.fatal(text) : ConnectFailure.retryable(text);
        }
        if (!(json.get("data") instanceof JsonObject data)) {
            throw ConnectFailure.retryable("bootstrap answered code 0 without data");
        }
        String url = data.get("URL") instanceof JsonString s ? s.getString() : "";
        if (url.isBlank()) {
            throw ConnectFailure.retryable("bootstrap answered code 0 without URL");
        }
        ClientConfig config = current;
        if (data.get("ClientConfig") instanceof JsonObject cc) {
            ClientConfig.Merge merge = current.merge(cc);
            merge.rejected().forEach(rejected);
            config = merge.config();
        }
        return Endpoint.of(url, config);
    }
}
