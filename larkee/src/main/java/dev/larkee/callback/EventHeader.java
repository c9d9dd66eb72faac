package dev.larkee.callback;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The schema 2.0 envelope header. The Verification Token it carries is checked by the webhook and
 * deliberately not exposed here.
 */
public record EventHeader(
        @JsonbProperty("event_id") String eventId,
        @JsonbProperty("event_type") String eventType,
        @JsonbProperty("create_time") String createTime,
        @JsonbProperty("app_id") String appId,
        @JsonbProperty("tenant_key") String tenantKey) {

    static EventHeader from(JsonObject header) {
        return new EventHeader(Json.text(header, "event_id"), Json.text(header, "event_type"),
                Json.text(header, "create_time"), Json.text(header, "app_id"), Json.text(header, "tenant_key"));
    }
}
