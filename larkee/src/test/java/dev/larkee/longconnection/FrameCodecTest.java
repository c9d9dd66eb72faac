package dev.larkee.longconnection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.longconnection.wire.Pbbp2;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private static final String DATA_FRAME = "08 07 10 09 18 01 20 01"
            + " 2a 0d 0a 04 74 79 70 65 12 05 65 76 65 6e 74"
            + " 2a 10 0a 0a 6d 65 73 73 61 67 65 5f 69 64 12 02 6d 31"
            + " 2a 08 0a 03 73 75 6d 12 01 31"
            + " 2a 08 0a 03 73 65 71 12 01 30"
            + " 2a 0e 0a 08 74 72 61 63 65 5f 69 64 12 02 74 31"
            + " 42 10 7b 22 73 63 68 65 6d 61 22 3a 22 32 2e 30 22 7d";

    private static final String ACK = "08 07 10 09 18 01 20 01"
            + " 2a 0d 0a 04 74 79 70 65 12 05 65 76 65 6e 74"
            + " 2a 10 0a 0a 6d 65 73 73 61 67 65 5f 69 64 12 02 6d 31"
            + " 2a 08 0a 03 73 75 6d 12 01 31"
            + " 2a 08 0a 03 73 65 71 12 01 30"
            + " 2a 0e 0a 08 74 72 61 63 65 5f 69 64 12 02 74 31"
            + " 2a 0b 0a 06 62 69 7a 5f 72 74 12 01 33"
            + " 42 0c 7b 22 63 6f 64 65 22 3a 32 30 30 7d";

    @Test
    void pingIsByteExact() {
        assertEquals("08 00 10 00 18 01 20 00 2a 0c 0a 04 74 79 70 65 12 04 70 69 6e 67",
                HEX.formatHex(FrameCodec.encode(FrameCodec.ping(1))));
    }

    @Test
    void goStylePingWithEmptyOptionalsDecodesAndEchoesThem() throws FrameException {
        Frame f = FrameCodec.decode(HEX.parseHex("08 00 10 00 18 01 20 00 2a 0c 0a 04 74 79 70 65 12 04 70 69 6e 67"
                + " 32 00 3a 00 4a 00"));
        assertEquals("ping", f.type());
        assertEquals("", f.payloadEncoding());
        assertEquals("", f.payloadType());
        assertEquals("", f.logIdNew());
        assertNull(f.payload());
        assertEquals(28, FrameCodec.encode(f).length);
    }

    @Test
    void pongWithConfigIsByteExact() throws FrameException {
        String config = "{\"PingInterval\":120,\"ReconnectCount\":-1,\"ReconnectInterval\":120,\"ReconnectNonce\":30}";
        byte[] bytes = FrameCodec.encode(FrameCodec.control(1, "pong", config.getBytes(StandardCharsets.UTF_8)));
        assertTrue(HEX.formatHex(bytes).startsWith(
                "08 00 10 00 18 01 20 00 2a 0c 0a 04 74 79 70 65 12 04 70 6f 6e 67 42 54 7b 22 50 69 6e 67"));
        assertEquals(config, new String(FrameCodec.decode(bytes).payload(), StandardCharsets.UTF_8));
    }

    @Test
    void thePayloadOutlivesTheBufferItWasDecodedFrom() throws FrameException {
        // The WebSocket runtime reuses its buffer once the handler returns: the payload must be a copy,
        // wherever the message lies in the buffer.
        byte[] frame = HEX.parseHex(DATA_FRAME);
        byte[] backing = new byte[frame.length + 10];
        System.arraycopy(frame, 0, backing, 7, frame.length);
        java.nio.ByteBuffer message = java.nio.ByteBuffer.wrap(backing, 7, frame.length).slice();
        Frame f = FrameCodec.decode(message);
        byte[] expected = FrameCodec.decode(frame).payload();
        assertEquals(frame.length, message.remaining(), "the buffer is left as it was");
        java.util.Arrays.fill(backing, (byte) 0x55);
        assertEquals(HEX.formatHex(expected), HEX.formatHex(f.payload()));
    }

    @Test
    void dataFrameOfTheSpecDecodes() throws FrameException {
        Frame f = FrameCodec.decode(HEX.parseHex(DATA_FRAME));
        assertEquals(7, f.seqId());
        assertEquals(9, f.logId());
        assertEquals(1, f.service());
        assertEquals(Frame.Method.DATA, f.method());
        assertEquals("event", f.type());
        assertEquals("m1", f.header("message_id").orElseThrow());
        assertEquals("{\"schema\":\"2.0\"}", new String(f.payload(), StandardCharsets.UTF_8));
        assertEquals(DATA_FRAME, HEX.formatHex(FrameCodec.encode(f)));
    }

    @Test
    void ackOfTheSpecIsByteExact() throws FrameException {
        Frame f = FrameCodec.decode(HEX.parseHex(DATA_FRAME));
        assertEquals(ACK, HEX.formatHex(FrameCodec.encode(FrameCodec.ack(f, 3, 200, null))));
    }

    @Test
    void ackCarriesReplyAsStandardBase64AndEchoesOptionalFields() throws FrameException {
        Frame received = new Frame(1L << 62, 5, 42, Frame.Method.DATA,
                List.of(new Frame.Header("type", "card"), new Frame.Header("instance_id", "x")),
                "enc", "pt", "ignored".getBytes(StandardCharsets.UTF_8), "new");
        String reply = "{\"toast\":{\"type\":\"success\",\"content\":\"ok\"}}";
        Frame ack = FrameCodec.decode(FrameCodec.encode(FrameCodec.ack(received, -7, 200, reply)));
        assertEquals(1L << 62, ack.seqId());
        assertEquals(List.of(new Frame.Header("type", "card"), new Frame.Header("instance_id", "x"),
                new Frame.Header("biz_rt", "0")), ack.headers());
        assertEquals("enc", ack.payloadEncoding());
        assertEquals("pt", ack.payloadType());
        assertEquals("new", ack.logIdNew());
        assertEquals("{\"code\":200,\"data\":\"eyJ0b2FzdCI6eyJ0eXBlIjoic3VjY2VzcyIsImNvbnRlbnQiOiJvayJ9fQ==\"}",
                new String(ack.payload(), StandardCharsets.UTF_8));
        assertEquals(reply, new String(Base64.getDecoder().decode("eyJ0b2FzdCI6eyJ0eXBlIjoic3VjY2VzcyIsImNvbnRlbnQiOiJvayJ9fQ=="),
                StandardCharsets.UTF_8));
        assertEquals("{\"code\":500}", new String(FrameCodec.ackPayload(500, null), StandardCharsets.UTF_8));
    }

    @Test
    void rejectsGarbage() {
        FrameException e = assertThrows(FrameException.class, () -> FrameCodec.decode(new byte[] {(byte) 0xff, 1, 2}));
        assertTrue(e.getMessage().startsWith("not a protobuf frame"));
    }

    @Test
    void rejectsMissingRequiredFields() {
        byte[] noMethod = Pbbp2.Frame.newBuilder().setSeqID(1).setLogID(1).setService(1).buildPartial().toByteArray();
        FrameException e = assertThrows(FrameException.class, () -> FrameCodec.decode(noMethod));
        assertTrue(e.getMessage().contains("method"), e.getMessage());
        byte[] headerWithoutValue = Pbbp2.Frame.newBuilder().setSeqID(1).setLogID(1).setService(1).setMethod(1)
                .addHeaders(Pbbp2.Header.newBuilder().setKey("type").buildPartial()).buildPartial().toByteArray();
        assertThrows(FrameException.class, () -> FrameCodec.decode(headerWithoutValue));
        assertThrows(FrameException.class, () -> FrameCodec.decode(new byte[0]));
    }

    @Test
    void rejectsUnknownMethod() {
        byte[] method7 = Pbbp2.Frame.newBuilder().setSeqID(1).setLogID(1).setService(1).setMethod(7).build().toByteArray();
        FrameException e = assertThrows(FrameException.class, () -> FrameCodec.decode(method7));
        assertTrue(e.getMessage().contains("unknown method 7"));
    }

    @Test
    void skipsUnknownFields() throws FrameException {
        byte[] withField15 = HEX.parseHex("08 00 10 00 18 01 20 00 2a 0c 0a 04 74 79 70 65 12 04 70 6f 6e 67 78 05");
        assertEquals("pong", FrameCodec.decode(withField15).type());
        assertArrayEquals(new byte[0], FrameCodec.decode(withField15).payloadOrEmpty());
    }
}
