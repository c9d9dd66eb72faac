package dev.larkee.callback;

import jakarta.json.JsonObject;

/**
 * {@code url.preview.get}: the platform asks how to render a link a user posted. Reply with a
 * {@link UrlPreviewReply} (an inline title and optionally a preview card). The same link may ask
 * more than once, e.g. once per logged-in client.
 */
public final class UrlPreview extends InteractiveCallback<UrlPreviewReply> {

    public static final String TYPE = "url.preview.get";

    public UrlPreview(JsonObject raw) {
        super(raw);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The link being previewed ({@code context.url}). */
    public String url() {
        return context().url();
    }
}
