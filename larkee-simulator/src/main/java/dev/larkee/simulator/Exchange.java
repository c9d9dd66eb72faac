package dev.larkee.simulator;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;

/**
 * One round trip the simulator drove: what it sent, by which transport, and what larkee answered.
 *
 * @param at        when it was sent
 * @param transport {@code webhook} or {@code long-connection}
 * @param type      the event type (or {@code card.legacy}, {@code url_verification})
 * @param eventId   the event id sent, empty when the kind has none
 * @param status    HTTP status (webhook) or ack {@code code} (long connection); -1 when nothing came back
 * @param reply     the reply JSON larkee gave (webhook body, or the ack's decoded {@code data}); may be null
 * @param latencyMs from sending to the answer
 * @param problem   what went wrong on the way (timeout, closed connection, protocol problem); null when fine
 */
public record Exchange(Instant at, String transport, String type, String eventId, int status, String reply,
        long latencyMs, String problem) {

    public static final String WEBHOOK = "webhook";
    public static final String LONG_CONNECTION = "long-connection";

    /** The reply as a JSON object, for assertions; an empty object when there was no reply or it is not an object. */
    public JsonObject replyJson() {
        if (reply == null || reply.isBlank()) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        try (JsonReader r = Json.createReader(new StringReader(reply))) {
            return r.readObject();
        } catch (RuntimeException e) { // also Parsson's plain RuntimeException past its nesting limit
            return JsonObject.EMPTY_JSON_OBJECT;
        }
    }
}
