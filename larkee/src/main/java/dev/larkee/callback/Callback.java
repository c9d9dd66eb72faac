package dev.larkee.callback;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Something the platform delivered, as an observer sees it: its raw JSON and a reply slot.
 * An observer answers with {@link #reply(Object)} while it runs, or hands over a
 * {@link CompletionStage} with {@link #replyLater(CompletionStage)}; larkee waits for it no longer
 * than the configured deadline. The first reply wins; later ones are ignored.
 *
 * @param <R> the reply type the platform understands for this kind of callback
 */
public abstract class Callback<R> {

    private final JsonObject raw;
    private final CompletableFuture<Object> reply = new CompletableFuture<>();
    private final CompletableFuture<Void> answered = new CompletableFuture<>();
    private final Instant receivedAt = Instant.now();
    private volatile boolean deferred;

    protected Callback(JsonObject raw) {
        this.raw = Objects.requireNonNull(raw);
    }

    /** The whole delivered JSON (decrypted), so fields larkee does not model are never lost. */
    public JsonObject raw() {
        return raw;
    }

    /** The platform's id for de-duplication ({@code header.event_id} or v1 {@code uuid}); empty for legacy cards. */
    public abstract String id();

    /** The dispatch key: the event type, {@code card.action.trigger}, or {@code card.legacy}. */
    public abstract String type();

    /** Replies now. The first reply wins: a later one (from another observer, say) is ignored and logged. */
    public void reply(R value) {
        if (!reply.complete(Objects.requireNonNull(value, "reply"))) {
            IgnoredReplies.log(this);
        }
    }

    /** Replies when {@code later} completes, if that is within the deadline; a failed stage is an observer failure. */
    public void replyLater(CompletionStage<? extends R> later) {
        deferred = true;
        later.whenComplete((value, failure) -> {
            if (failure != null) {
                reply.completeExceptionally(failure);
            } else if (value == null) {
                reply.complete(NO_REPLY);
            } else {
                reply.complete(value);
            }
        });
    }

    /** Whether an observer already replied or promised a reply. */
    public boolean replied() {
        return reply.isDone() || deferred;
    }

    /** Marker for "observers ran and said nothing". */
    public static final Object NO_REPLY = new Object() {
        @Override
        public String toString() {
            return "no reply";
        }
    };

    /** The reply as it settles: a reply value, {@link #NO_REPLY}, or an observer's failure. For transports. */
    public CompletableFuture<Object> settlement() {
        return reply;
    }

    /** When larkee received it (a card token's 30 minutes count from about then). */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** Completes once the platform has been sent its answer to this delivery (in time, or the fallback). */
    public CompletionStage<Void> answered() {
        return answered;
    }

    /** For transports: the answer to this delivery has been handed to the platform. */
    public void markAnswered() {
        answered.complete(null);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + type() + " " + id() + "]";
    }
}
