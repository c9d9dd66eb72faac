package dev.larkee.callback;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The answer to a {@link UrlPreview}: the inline rendering and, optionally, a preview card. */
@JsonbPropertyOrder({"inline", "card"})
public record UrlPreviewReply(@JsonbProperty("inline") Inline inline, @JsonbProperty("card") Card card) {

    public static UrlPreviewReply inline(Inline inline) {
        return new UrlPreviewReply(inline, null);
    }
}
