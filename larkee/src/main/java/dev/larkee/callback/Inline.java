package dev.larkee.callback;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Map;

/** The inline rendering of a previewed link: title, translated titles, an icon image key and URLs. */
@JsonbPropertyOrder({"title", "i18n_title", "image_key", "url"})
public record Inline(
        @JsonbProperty("title") String title,
        @JsonbProperty("i18n_title") Map<String, String> i18nTitle,
        @JsonbProperty("image_key") String imageKey,
        @JsonbProperty("url") InlineUrl url) {

    public Inline {
        i18nTitle = i18nTitle == null ? null : Map.copyOf(i18nTitle);
    }

    public static Inline title(String title) {
        return new Inline(title, null, null, null);
    }

    public Inline withI18nTitle(Map<String, String> titles) {
        return new Inline(title, titles, imageKey, url);
    }
}
