package dev.larkee.dispatch;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A plaintext body, classified as the platform's SDKs do (webhook.md §8.1): URL verification,
 * schema 2.0 event or callback, v1 event, legacy card action, or unknown. Pure: no container.
 *
 * @param kind    what the body is
 * @param type    the dispatch key: {@code header.event_type}, v1 {@code event.type}, or {@code card.legacy}
 * @param id      {@code header.event_id} or v1 {@code uuid}; empty when the body has none
 * @param token   where the Verification Token sits for this kind; null when absent
 * @param body    the body itself
 */
public record Inbound(Kind kind, String type, String id, String token, JsonObject body) {

    public enum Kind {
        URL_VERIFICATION, EVENT_V2, EVENT_V1, LEGACY_CARD, UNKNOWN;

        /** Whether the platform shows the reply to a user (and so a card or toast may come back). */
        public boolean expectsReply() {
            return this == LEGACY_CARD;
        }
    }

    /** Where a body arrived: the event/callback URL, or the legacy message-card URL. */
    public enum Endpoint {
        EVENTS, LEGACY_CARDS
    }

    public static Inbound classify(JsonObject body, Endpoint endpoint) {
        if ("url_verification".equals(text(body, "type"))) {
            return new Inbound(Kind.URL_VERIFICATION, "url_verification", "", text(body, "token"), body);
        }
        JsonValue header = body.get("header");
        String schema = text(body, "schema");
        if (schema != null && !schema.isEmpty() && header instanceof JsonObject h) {
            String eventType = text(h, "event_type");
            if (eventType == null || eventType.isEmpty()) {
                return unknown(body);
            }
            return new Inbound(Kind.EVENT_V2, eventType, orEmpty(text(h, "event_id")), text(h, "token"), body);
        }
        String uuid = text(body, "uuid");
        if (uuid != null && !uuid.isEmpty() && body.get("event") instanceof JsonObject event) {
            String eventType = text(event, "type");
            if (eventType != null && !eventType.isEmpty()) {
                return new Inbound(Kind.EVENT_V1, eventType, uuid, text(body, "token"), body);
            }
        }
        if (endpoint == Endpoint.LEGACY_CARDS && body.get("action") instanceof JsonObject) {
            // The top-level token of a legacy card is the card-update credential, not the VT.
            return new Inbound(Kind.LEGACY_CARD, "card.legacy", "", null, body);
        }
        return unknown(body);
    }

    private static Inbound unknown(JsonObject body) {
        return new Inbound(Kind.UNKNOWN, "", "", null, body);
    }

    private static String text(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Whether this is one of the callbacks that a user waits on (card action, link preview, legacy card). */
    public boolean isCallback() {
        return kind == Kind.LEGACY_CARD
                || (kind == Kind.EVENT_V2 && (type.equals("card.action.trigger") || type.equals("url.preview.get")));
    }

    @Override
    public String toString() {
        return "Inbound[" + kind + " " + type + " " + id + "]";
    }
}
