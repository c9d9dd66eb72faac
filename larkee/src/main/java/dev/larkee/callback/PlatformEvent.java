package dev.larkee.callback;

import jakarta.json.JsonObject;

/**
 * Any schema 2.0 event other than the typed callbacks, e.g. {@code im.message.receive_v1}: observe
 * it with {@code @EventType("im.message.receive_v1")}. Events need no reply; replying with a JSON
 * object is allowed for callback types larkee does not model yet and is passed through as is.
 */
public final class PlatformEvent extends Callback<JsonObject> {

    private final EventHeader header;
    private final JsonObject event;

    public PlatformEvent(JsonObject raw) {
        super(raw);
        header = EventHeader.from(Json.objectOrEmpty(raw, "header"));
        event = Json.objectOrEmpty(raw, "event");
    }

    @Override
    public String id() {
        return header.eventId();
    }

    @Override
    public String type() {
        return header.eventType();
    }

    public EventHeader header() {
        return header;
    }

    /** The event-specific object. */
    public JsonObject event() {
        return event;
    }
}
