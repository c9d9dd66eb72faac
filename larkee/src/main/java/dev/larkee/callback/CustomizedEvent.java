package dev.larkee.callback;

import jakarta.json.JsonObject;

/**
 * A v1 ({@code "type":"event_callback"}) event, the SDKs' "customized" p1 events such as
 * {@code out_approval}: observe it with {@code @EventType("out_approval")}. A reply (a JSON
 * object) is passed through to the platform.
 */
public final class CustomizedEvent extends Callback<JsonObject> {

    private final String uuid;
    private final String ts;
    private final String eventType;
    private final JsonObject event;

    public CustomizedEvent(JsonObject raw) {
        super(raw);
        uuid = Json.text(raw, "uuid");
        ts = Json.text(raw, "ts");
        event = Json.objectOrEmpty(raw, "event");
        eventType = Json.text(event, "type");
    }

    @Override
    public String id() {
        return uuid;
    }

    @Override
    public String type() {
        return eventType;
    }

    public String uuid() {
        return uuid;
    }

    /** Send time: decimal seconds, possibly with a fraction. */
    public String ts() {
        return ts;
    }

    /** The event object, including its {@code type}, {@code app_id} and {@code tenant_key}. */
    public JsonObject event() {
        return event;
    }
}
