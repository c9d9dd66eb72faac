package dev.larkee.callback;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Map;
import java.util.Objects;

/**
 * A toast shown to the user who acted. {@code type} is {@code info}, {@code success},
 * {@code warning} or {@code error}; {@code i18n} maps locales ({@code zh_cn}, {@code en_us}, …) to text.
 */
@JsonbPropertyOrder({"type", "content", "i18n"})
public record Toast(
        @JsonbProperty("type") String type,
        @JsonbProperty("content") String content,
        @JsonbProperty("i18n") Map<String, String> i18n) {

    public Toast {
        Objects.requireNonNull(type, "type");
        if (!type.equals("info") && !type.equals("success") && !type.equals("warning") && !type.equals("error")) {
            throw new IllegalArgumentException("toast type must be info, success, warning or error, was " + type);
        }
        i18n = i18n == null ? null : Map.copyOf(i18n);
    }

    public static Toast info(String content) {
        return new Toast("info", content, null);
    }

    public static Toast success(String content) {
        return new Toast("success", content, null);
    }

    public static Toast warning(String content) {
        return new Toast("warning", content, null);
    }

    public static Toast error(String content) {
        return new Toast("error", content, null);
    }

    /** The same toast with translations. */
    public Toast withI18n(Map<String, String> translations) {
        return new Toast(type, content, translations);
    }
}
