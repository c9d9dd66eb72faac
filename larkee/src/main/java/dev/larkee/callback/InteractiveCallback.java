package dev.larkee.callback;

import jakarta.json.JsonObject;

/**
 * A schema 2.0 callback that a user is waiting on (card interaction, link preview): the envelope
 * header, who acted, where ({@code host}) and in which message and chat.
 *
 * @param <R> the reply type
 */
public abstract class InteractiveCallback<R> extends Callback<R> {

    private final EventHeader header;
    private final Operator operator;
    private final String host;
    private final CallbackContext context;

    protected InteractiveCallback(JsonObject raw) {
        super(raw);
        JsonObject event = event();
        header = EventHeader.from(Json.objectOrEmpty(raw, "header"));
        operator = Operator.from(Json.objectOrEmpty(event, "operator"));
        host = Json.text(event, "host");
        context = CallbackContext.from(Json.objectOrEmpty(event, "context"));
    }

    /** The {@code event} object of the envelope. */
    protected final JsonObject event() {
        return Json.objectOrEmpty(raw(), "event");
    }

    @Override
    public String id() {
        return header.eventId();
    }

    public EventHeader header() {
        return header;
    }

    public Operator operator() {
        return operator;
    }

    /** {@code im_message} or {@code im_top_notice}. */
    public String host() {
        return host;
    }

    public CallbackContext context() {
        return context;
    }
}
