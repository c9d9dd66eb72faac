package dev.larkee.longconnection;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnsafeByteOperations;
import dev.larkee.longconnection.wire.Pbbp2;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The one translation between WebSocket bytes and {@link Frame}s (spec §4, §5, §8). Decoding
 * rejects, with a {@link FrameException}, anything that is not a complete frame: unparsable bytes,
 * a missing required field (SeqID, LogID, service, method, header key or value) or an unknown
 * method. Encoding always writes the required fields, and the optional ones only when present.
 * Plain Java: no container needed.
 */
public final class FrameCodec {

    /** Frame header names (spec §4.1). */
    public static final String TYPE = "type";
    public static final String MESSAGE_ID = "message_id";
    public static final String SUM = "sum";
    public static final String SEQ = "seq";
    public static final String TRACE_ID = "trace_id";
    public static final String BIZ_RT = "biz_rt";

    /** Values of the {@code type} header. */
    public static final String PING = "ping";
    public static final String PONG = "pong";
    public static final String EVENT = "event";
    public static final String CARD = "card";

    private FrameCodec() {
    }

    /** Decodes one binary WebSocket message. */
    public static Frame decode(byte[] bytes) throws FrameException {
        return decode(ByteBuffer.wrap(bytes));
    }

    /**
     * Decodes one binary WebSocket message where it lies: the payload is copied once, out of
     * {@code message} (which the WebSocket runtime may reuse once its handler returns), and nothing
     * else of it is (each copy of a message is garbage the long connection's collections pay for).
     */
    public static Frame decode(ByteBuffer message) throws FrameException {
        int length = message.remaining();
        Pbbp2.Frame.Builder wire = Pbbp2.Frame.newBuilder();
        try {
            // Aliasing needs an input protobuf believes immutable: CodedInputStream.newInstance(ByteBuffer)
            // is not, so it copied the payload anyway (1.4 KB per 1 KiB callback, measured). An unsafe
            // wrap is: the payload's ByteString then points into message, and is copied once below.
            CodedInputStream in = UnsafeByteOperations.unsafeWrap(message).newCodedInput();
            in.enableAliasing(true);
            // mergeFrom does not insist on required fields, so a partial frame is reported by name below.
            wire.mergeFrom(in);
        } catch (java.io.IOException e) { // InvalidProtocolBufferException, or a stream cut short
            throw new FrameException("not a protobuf frame (" + length + " bytes): " + e.getMessage());
        }
        List<String> missing = new ArrayList<>();
        if (!wire.hasSeqID()) {
            missing.add("SeqID");
        }
        if (!wire.hasLogID()) {
            missing.add("LogID");
        }
        if (!wire.hasService()) {
            missing.add("service");
        }
        if (!wire.hasMethod()) {
            missing.add("method");
        }
        List<Frame.Header> headers = new ArrayList<>(wire.getHeadersCount());
        for (Pbbp2.Header h : wire.getHeadersList()) {
            if (!h.hasKey() || !h.hasValue()) {
                missing.add("header key/value");
                break;
            }
            headers.add(new Frame.Header(h.getKey(), h.getValue()));
        }
        if (!missing.isEmpty()) {
            throw new FrameException("frame without required field(s) " + String.join(", ", missing));
        }
        Frame.Method method = Frame.Method.of(wire.getMethod())
                .orElseThrow(() -> new FrameException("frame with unknown method " + wire.getMethod()));
        return new Frame(wire.getSeqID(), wire.getLogID(), wire.getService(), method, headers,
                wire.hasPayloadEncoding() ? wire.getPayloadEncoding() : null,
                wire.hasPayloadType() ? wire.getPayloadType() : null,
                wire.hasPayload() ? wire.getPayload().toByteArray() : null,
                wire.hasLogIDNew() ? wire.getLogIDNew() : null);
    }

    /** Encodes {@code frame} as one binary WebSocket message. */
    public static byte[] encode(Frame frame) {
        Pbbp2.Frame.Builder wire = Pbbp2.Frame.newBuilder()
                .setSeqID(frame.seqId())
                .setLogID(frame.logId())
                .setService(frame.service())
                .setMethod(frame.method().wire());
        for (Frame.Header h : frame.headers()) {
            wire.addHeaders(Pbbp2.Header.newBuilder().setKey(h.key()).setValue(h.value()));
        }
        if (frame.payloadEncoding() != null) {
            wire.setPayloadEncoding(frame.payloadEncoding());
        }
        if (frame.payloadType() != null) {
            wire.setPayloadType(frame.payloadType());
        }
        if (frame.payload() != null) {
            wire.setPayload(com.google.protobuf.ByteString.copyFrom(frame.payload()));
        }
        if (frame.logIdNew() != null) {
            wire.setLogIDNew(frame.logIdNew());
        }
        return wire.build().toByteArray();
    }

    /** The client's application ping (spec §5.1): SeqID 0, LogID 0, one header {@code type=ping}, no payload. */
    public static Frame ping(int service) {
        return control(service, PING, null);
    }

    /** A control frame of {@code type} with an optional payload (the simulator's pong). */
    public static Frame control(int service, String type, byte[] payload) {
        return new Frame(0, 0, service, Frame.Method.CONTROL, List.of(new Frame.Header(TYPE, type)),
                null, null, payload, null);
    }

    /**
     * The acknowledgement of {@code received} (spec §8): every field and header echoed in order,
     * {@code biz_rt} appended last, the payload replaced by {@code {"code":..,"data":..}}.
     *
     * @param bizRtMs   handler time in milliseconds; negative values are written as 0
     * @param code      200 handled, 500 failed
     * @param replyJson the reply to send as {@code data} (standard base64 of its UTF-8), or null for none
     */
    public static Frame ack(Frame received, long bizRtMs, int code, String replyJson) {
        List<Frame.Header> headers = new ArrayList<>(received.headers().size() + 1);
        headers.addAll(received.headers());
        headers.add(new Frame.Header(BIZ_RT, Long.toString(Math.max(0, bizRtMs))));
        return new Frame(received.seqId(), received.logId(), received.service(), received.method(), headers,
                received.payloadEncoding(), received.payloadType(), ackPayload(code, replyJson), received.logIdNew());
    }

    /** {@code {"code":200}} or {@code {"code":200,"data":"<base64>"}}: base64 needs no JSON escaping. */
    static byte[] ackPayload(int code, String replyJson) {
        StringBuilder json = new StringBuilder(32).append("{\"code\":").append(code);
        if (replyJson != null) {
            json.append(",\"data\":\"")
                    .append(Base64.getEncoder().encodeToString(replyJson.getBytes(StandardCharsets.UTF_8)))
                    .append('"');
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}
