package dev.larkee.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A data message for the simulator to push (spec §7): the payload bytes, the frame {@code type}
 * ({@code event} or {@code card}), how many fragments (1..64) and in which order.
 *
 * @param payload   the whole payload, usually schema 2.0 JSON
 * @param frameType value of the {@code type} header
 * @param fragments number of frames to split into, 1..64 (each gets a byte slice; a cut may fall inside a UTF-8 character)
 * @param order     fragment order
 * @param messageId the {@code message_id}; null to let the simulator make one
 */
public record Push(byte[] payload, String frameType, int fragments, FragmentOrder order, String messageId) {

    /** At most this many payload bytes per push: the platform's limit for one message. */
    public static final int MAX_PAYLOAD_BYTES = dev.larkee.longconnection.FragmentAssembler.MAX_MESSAGE_BYTES;

    public Push {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(frameType, "frameType");
        Objects.requireNonNull(order, "order");
        if (fragments < 1 || fragments > 64) {
            throw new IllegalArgumentException("fragments must be 1..64, was " + fragments);
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload over " + MAX_PAYLOAD_BYTES + " bytes");
        }
    }

    /** A single-frame {@code type=event} push of {@code json}. */
    public static Push event(String json) {
        return new Push(json.getBytes(StandardCharsets.UTF_8), "event", 1, FragmentOrder.IN_ORDER, null);
    }

    /** The same payload as a {@code type=card} frame. */
    public Push asCard() {
        return new Push(payload, "card", fragments, order, messageId);
    }

    /** The same payload split into {@code n} fragments sent in {@code order}. */
    public Push split(int n, FragmentOrder order) {
        return new Push(payload, frameType, n, order, messageId);
    }

    /** The same push with a fixed {@code message_id} (e.g. to re-send a message). */
    public Push withMessageId(String id) {
        return new Push(payload, frameType, fragments, order, id);
    }
}
