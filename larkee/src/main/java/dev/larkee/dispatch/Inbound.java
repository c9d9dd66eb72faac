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
 * @param problem why the body is {@link Kind#UNKNOWN}, as a short phrase for refusals; null otherwise
 */
public record Inbound(Kind kind, String type, String id, String token, JsonObject body, String problem) {

    /** The longest event id or uuid taken (the platform's are 32 to 36 characters): ids are kept for hours. */
    public static final int MAX_ID_CHARS = 128;
    /** The longest event type taken (the platform's are well under 64): types are counted and logged. */
    public static final int MAX_TYPE_CHARS = 128;

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
            return new Inbound(Kind.URL_VERIFICATION, "url_verification", "", text(body, "token"), body, null);
        }
        JsonValue header = body.get("header");
        String schema = text(body, "schema");
        if (schema != null && !schema.isEmpty() && header instanceof JsonObject h) {
            String eventType = text(h, "event_type");
            if (eventType == null || eventType.isEmpty()) {
                return unknown(body, "header.event_type is missing");
            }
            // The platform gives every schema 2.0 delivery an id: without one, de-duplication (and so
            // replay protection) would be off for it, so such a body is not the platform's.
            return checked(new Inbound(Kind.EVENT_V2, eventType, orEmpty(text(h, "event_id")), text(h, "token"), body,
                    null), "header.event_id", "header.event_type");
        }
        String uuid = text(body, "uuid");
        if (uuid != null && !uuid.isEmpty() && body.get("event") instanceof JsonObject event) {
            String eventType = text(event, "type");
            if (eventType != null && !eventType.isEmpty()) {
                return checked(new Inbound(Kind.EVENT_V1, eventType, uuid, text(body, "token"), body, null),
                        "uuid", "event.type");
            }
        }
        if (endpoint == Endpoint.LEGACY_CARDS && body.get("action") instanceof JsonObject) {
            // The top-level token of a legacy card is the card-update credential, not the VT.
            return new Inbound(Kind.LEGACY_CARD, "card.legacy", "", null, body, null);
        }
        return unknown(body, "neither a URL verification, an event, nor a callback");
    }

    /** Ids and types are kept (de-duplication, counters) and logged: only well-formed, bounded ones pass. */
    private static Inbound checked(Inbound inbound, String idField, String typeField) {
        if (!isPrintableAscii(inbound.id, MAX_ID_CHARS)) {
            return unknown(inbound.body, idField + " is missing, longer than " + MAX_ID_CHARS
                    + " characters, or not printable ASCII");
        }
        if (!isTypeName(inbound.type)) {
            return unknown(inbound.body, typeField + " is longer than " + MAX_TYPE_CHARS
                    + " characters or not a type name (letters, digits, '.', '_', '-', ':')");
        }
        return inbound;
    }

    private static boolean isPrintableAscii(String s, int max) {
        if (s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTypeName(String s) {
        if (s.length() > MAX_TYPE_CHARS) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Inbound unknown(JsonObject body, String problem) {
        return new Inbound(Kind.UNKNOWN, "", "", null, body, problem);
    }

    /**
     * What de-duplication keys by: the id together with the kind and type it came with, so a body that
     * reuses another delivery's id (a link preview with a card action's {@code event_id}) is never
     * answered with that delivery's reply. Empty for deliveries without an id (legacy cards).
     */
    public String deduplicationKey() {
        return id.isEmpty() ? "" : kind + "|" + type + "|" + id;
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
