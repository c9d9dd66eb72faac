package dev.larkee.standalone;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One message handed to {@link StandaloneSimulator#send}: its id, how often it has been sent so
 * far, and its first acknowledgement to come. The future fails with a {@link TimeoutException}
 * when every attempt went unacknowledged, and with an {@link IllegalStateException} when the
 * simulator closed first.
 */
public final class Delivery {

    private final String messageId;
    private final String type;
    private final CompletableFuture<Ack> ack = new CompletableFuture<>();
    private final AtomicInteger attempts = new AtomicInteger();

    Delivery(String messageId, String type) {
        this.messageId = messageId;
        this.type = type;
    }

    /** The {@code message_id} header of every transmission of this message. */
    public String messageId() {
        return messageId;
    }

    /** The frame {@code type}: event or card. */
    public String type() {
        return type;
    }

    /**
     * Completes with the first ack, whatever its code. A copy per call: completing or cancelling
     * it does not change the simulator's own record.
     */
    public CompletableFuture<Ack> ack() {
        return ack.copy();
    }

    /** Transmissions so far: 0 while it waits for a first connection, then 1, more after re-deliveries. */
    public int attempts() {
        return attempts.get();
    }

    int countAttempt() {
        return attempts.incrementAndGet();
    }

    void acknowledged(Ack a) {
        ack.complete(a);
    }

    void failed(Throwable why) {
        ack.completeExceptionally(why);
    }

    @Override
    public String toString() {
        return "Delivery[" + type + " " + messageId + ", attempts=" + attempts.get() + ", acked=" + (ack.isDone() && !ack.isCompletedExceptionally()) + "]";
    }
}
