package dev.larkee.standalone;

import dev.larkee.longconnection.Frame;
import dev.larkee.longconnection.FrameCodec;
import java.util.List;

/**
 * The platform's data frame for one whole message (long-connection spec §4.1, §7): all five
 * headers the SDKs insist on (type, message_id, sum=1, seq=0, trace_id) plus timestamp.
 */
final class DataFrames {

    private DataFrames() {
    }

    /**
     * @param frameId SeqID and LogID: opaque to the client, unique per transmission so acks can be told apart in traces
     */
    static Frame whole(long frameId, int service, String type, String messageId, String traceId, byte[] payload) {
        return new Frame(frameId, frameId, service, Frame.Method.DATA, List.of(
                new Frame.Header(FrameCodec.TYPE, type),
                new Frame.Header(FrameCodec.MESSAGE_ID, messageId),
                new Frame.Header(FrameCodec.SUM, "1"),
                new Frame.Header(FrameCodec.SEQ, "0"),
                new Frame.Header(FrameCodec.TRACE_ID, traceId),
                new Frame.Header("timestamp", Long.toString(System.currentTimeMillis()))),
                null, null, payload, null);
    }
}
