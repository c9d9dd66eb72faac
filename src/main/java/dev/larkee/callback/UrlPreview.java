package dev.larkee.callback;

import jakarta.json.JsonObject;

/**
 * {@code url.preview.get}: the platform asks how to render a link a user posted. Reply with a
 * {@link UrlPreviewReply} (an inline title and optionally a preview card). The same link may ask
 * more than once, e.g. once per logged-in client.
 */
public final class UrlPreview extends Callback<UrlPreviewReply> {

    public static final String TYPE = "url.preview.get";

    private final EventHeader header;
    private final Operator operator;
    private final String host;
    private final CallbackContext context;

    public UrlPreview(JsonObject raw) {
        super(raw);
        JsonObject event = Json.objectOrEmpty(raw, "event");
        header = EventHeader.from(Json.objectOrEmpty(raw, "header"));
        operator = Operator.from(Json.objectOrEmpty(event, "operator"));
        host = Json.text(event, "host");
        context = CallbackContext.from(Json.objectOrEmpty(event, "context"));
    }

    @Override
    public String id() {
        return header.eventId();
    }

    @Override
    public String type() {
        return TYPE;
    }

    public EventHeader header() {
        return header;
    }

    public Operator operator() {
        return operator;
    }

    public String host() {
        return host;
    }

    public CallbackContext context() {
        return context;
    }

    /** The link being previewed ({@code context.url}). */
    public String url() {
        return context.url();
    }
}
