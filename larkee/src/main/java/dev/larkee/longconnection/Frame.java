package dev.larkee.longconnection;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One decoded wire frame (spec §4), as plain Java. Optional wire fields are {@code null} when
 * absent and kept as they came (an empty string is not the same as absent), so an acknowledgement
 * echoes the frame exactly.
 *
 * @param seqId           opaque, echoed
 * @param logId           opaque, echoed
 * @param service         the connection's {@code service_id}
 * @param method          control or data
 * @param headers         in wire order; look-ups take the first match
 * @param payloadEncoding optional, echoed
 * @param payloadType     optional, echoed
 * @param payload         optional bytes: ClientConfig JSON (pong), event JSON or a fragment of it (data)
 * @param logIdNew        optional, echoed
 */
public record Frame(long seqId, long logId, int service, Method method, List<Header> headers,
        String payloadEncoding, String payloadType, byte[] payload, String logIdNew) {

    /** Frame {@code method}: 0 control (ping/pong), 1 data (event/card and their acks). */
    public enum Method {
        CONTROL(0), DATA(1);

        private final int wire;

        Method(int wire) {
            this.wire = wire;
        }

        public int wire() {
            return wire;
        }

        static Optional<Method> of(int wire) {
            for (Method m : values()) {
                if (m.wire == wire) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /** One key/value frame header. */
    public record Header(String key, String value) {
        public Header {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    public Frame {
        Objects.requireNonNull(method, "method");
        headers = List.copyOf(headers);
    }

    /** The first header named {@code key}. */
    public Optional<String> header(String key) {
        for (Header h : headers) {
            if (h.key().equals(key)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /** The {@code type} header: ping, pong, event, card; empty when missing. */
    public String type() {
        return header(FrameCodec.TYPE).orElse("");
    }

    /** The payload, or no bytes when absent. */
    public byte[] payloadOrEmpty() {
        return payload == null ? new byte[0] : payload;
    }

    @Override
    public String toString() {
        return "Frame[" + method + " " + type() + " seq=" + seqId + " headers=" + headers.size()
                + " payload=" + (payload == null ? "none" : payload.length + " B") + "]";
    }
}
