package dev.larkee.callback;

import jakarta.json.bind.annotation.JsonbProperty;

/** Where a link preview's inline title leads, per client; any member may be null. */
public record InlineUrl(
        @JsonbProperty("copy_url") String copyUrl,
        @JsonbProperty("ios") String ios,
        @JsonbProperty("android") String android,
        @JsonbProperty("pc") String pc,
        @JsonbProperty("web") String web) {
}
