package dev.larkee.callback;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;

/** Who acted. {@code userId} is present only when the app has the user-ID permission. */
public record Operator(
        @JsonbProperty("tenant_key") String tenantKey,
        @JsonbProperty("user_id") String userId,
        @JsonbProperty("open_id") String openId,
        @JsonbProperty("union_id") String unionId) {

    static Operator from(JsonObject o) {
        return new Operator(Json.text(o, "tenant_key"), Json.text(o, "user_id"), Json.text(o, "open_id"),
                Json.text(o, "union_id"));
    }
}
