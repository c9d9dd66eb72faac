package dev.larkee.longconnection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.cluster.LocalMap;
import dev.larkee.cluster.SharedConnectionSlots;
import dev.larkee.dispatch.DispatchResult;
import dev.larkee.dispatch.Inbound;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LongConnection} driven without a server: a fake platform socket, a manual clock for its
 * timers, and a dispatcher that records what it is given.
 */
class LongConnectionTest {

    private static final Logger LOG = Logger.getLogger(LongConnection.class.getName());
    private static final int SERVICE = 7;

    private final ManualScheduler timers = new ManualScheduler();
    private final FakePlatform platform = new FakePlatform();
    private final List<Inbound> dispatched = new ArrayList<>();
    private final List<Consumer<DispatchResult>> unsettled = new ArrayList<>();
    private final List<LogRecord> warnings = new ArrayList<>();
    private boolean settleAtOnce = true;
    private ClientConfig handedOut = new ClientConfig(3, -1, 1, 0);
    private int bootstraps;
    private LongConnection connection;

    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void wire() {
        LOG.addHandler(capture);
        LongConnection.Wiring wiring = new LongConnection.Wiring(
                (current, rejected) -> {
                    bootstraps++;
                    return new Endpoint(URI.create("ws://127.0.0.1/ws?device_id=" + bootstraps + "&service_id=" + SERVICE
                            + "&ticket=secret"), handedOut, Integer.toString(bootstraps), SERVICE);
                },
                platform,
                (inbound, settled) -> {
                    dispatched.add(inbound);
                    if (settleAtOnce) {
                        settled.accept(new DispatchResult(DispatchResult.Outcome.NO_REPLY, null, false, inbound.id(), 0));
                    } else {
                        unsettled.add(settled);
                    }
                },
                Runnable::run, timers, new ReconnectPolicy(new Random(1)), 2);
        connection = new LongConnection(1, wiring);
        connection.start(0);
        timers.advance(0);
        assertEquals(1, platform.sockets.size(), "connected");
    }

    @AfterEach
    void unwire() {
        LOG.removeHandler(capture);
    }

    // ---- the app's connection cap across instances ----------------------------------------------

    @Test
    void aConnectionOverTheSharedCapStandsByAndConnectsOnceASlotFrees() {
        LocalMap grid = new LocalMap();
        LongConnection first = capped(new SharedConnectionSlots(grid, "cli_app", "instance-a", 1));
        LongConnection second = capped(new SharedConnectionSlots(grid, "cli_app", "instance-b", 1));
        int before = platform.sockets.size();
        first.start(0);
        timers.advance(0);
        second.start(0);
        timers.advance(0);
        assertEquals(before + 1, platform.sockets.size(), "only one connection under a cap of 1");
        assertEquals(ConnectionState.STANDBY, second.status().state());
        assertTrue(second.status().lastError().contains("larkee.cluster.connection-cap"), second.status().lastError());
        timers.advance(1000);
        assertEquals(ConnectionState.STANDBY, second.status().state(), "still no slot");
        first.beginStop();
        first.finishStop();
        timers.advance(1000);
        assertEquals(ConnectionState.CONNECTED, second.status().state(), "took the freed slot at its next check");
        assertEquals(before + 2, platform.sockets.size());
    }

    private LongConnection capped(ConnectionSlots slots) {
        LongConnection.Wiring wiring = new LongConnection.Wiring(
                (current, rejected) -> new Endpoint(URI.create("ws://127.0.0.1/ws?device_id=c" + (++bootstraps)
                        + "&service_id=" + SERVICE + "&ticket=secret"), handedOut, "c" + bootstraps, SERVICE),
                platform, (inbound, settled) -> { }, Runnable::run, timers, new ReconnectPolicy(new Random(1)), 2,
                slots, 1000);
        return new LongConnection(2, wiring);
    }

    // ---- every frame that arrives is taken ----------------------------------------------------

    @Test
    void aFrameArrivingOnAReplacedSocketIsStillDispatched() {
        FakePlatform.Socket first = platform.last();
        connection.restart(); // larkee replaces the socket; frames already on their way still arrive on it
        timers.advance(0);
        assertEquals(2, platform.sockets.size());
        first.deliver(event("late-1", "{\"text\":\"hi\"}"));
        assertEquals(List.of("late-1"), dispatched.stream().map(Inbound::id).toList(), "dispatched, not dropped");
        assertEquals(List.of(), platform.last().acks(), "never acknowledged on another socket");
    }

    @Test
    void anAckGoesBackOnTheSocketTheFrameCameOnWhileItIsOpen() {
        settleAtOnce = false;
        FakePlatform.Socket first = platform.last();
        first.deliver(event("e-1", "{}"));
        connection.restart();
        timers.advance(0);
        first.open = true; // the platform has not closed it yet: the ack can still go out there
        unsettled.get(0).accept(new DispatchResult(DispatchResult.Outcome.NO_REPLY, null, false, "e-1", 0));
        assertEquals(1, first.acks().size(), "acknowledged on its own socket");
        assertEquals(List.of(), platform.last().acks(), "not on the new one");
    }

    // ---- pings ----------------------------------------------------------------------------------

    @Test
    void aPongThatShortensThePeriodWhileATickStartsLeavesOnePingLoop() {
        FakePlatform.Socket socket = platform.last();
        assertEquals(1, socket.sent(FrameCodec.PING).size(), "a ping right after open");
        socket.deliver(pong(null));
        // At 3 s the ping timer fires; in that instant a pong arrives that shortens the period to 1 s
        // (another thread in production): it tries to cancel the timer that has just started.
        timers.advance(3000, task -> socket.deliver(pong(new ClientConfig(1, -1, 1, 0))));
        int before = socket.sent(FrameCodec.PING).size();
        timers.advance(10_000);
        assertEquals(10, socket.sent(FrameCodec.PING).size() - before, "one ping a second, from one loop");
    }

    @Test
    void readyOnlyOnceThePlatformAnsweredAPingOnTheSocket() {
        FakePlatform.Socket socket = platform.last();
        assertEquals(ConnectionState.CONNECTED, connection.status().state());
        assertFalse(connection.status().alive(), "open, but the platform has not answered yet");
        socket.deliver(pong(null));
        assertTrue(connection.status().alive());
    }

    // ---- payloads -------------------------------------------------------------------------------

    @Test
    void aPayloadThatIsNotUtf8IsRefusedWith500AndNotDispatched() {
        FakePlatform.Socket socket = platform.last();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes(eventJson("bad-utf8", "{\"text\":\"").getBytes(StandardCharsets.UTF_8));
        json.writeBytes(new byte[] {(byte) 0xC3, 0x28}); // a lead byte without its continuation
        json.writeBytes("\"}}".getBytes(StandardCharsets.UTF_8));
        socket.deliver(data("m-1", json.toByteArray()));
        assertEquals(List.of(), dispatched, "never reaches an observer");
        assertEquals(1, socket.acks().size());
        assertEquals("{\"code\":500}", new String(socket.acks().get(0).payload(), StandardCharsets.UTF_8));
    }

    @Test
    void payloadsTheWebhookRefusesAreRefusedHereTooWith500() {
        FakePlatform.Socket socket = platform.last();
        socket.deliver(data("m-trailing", (eventJson("trailing", "{}") + "} {}").getBytes(StandardCharsets.UTF_8)));
        socket.deliver(data("m-duplicate", (eventJson("duplicate", "{}") + "}").replace("\"event\":", "\"event\":{},\"event\":")
                .getBytes(StandardCharsets.UTF_8)));
        socket.deliver(data("m-long-id", (eventJson("x".repeat(dev.larkee.dispatch.Inbound.MAX_ID_CHARS + 1), "{}") + "}")
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), dispatched, "none reaches an observer");
        assertEquals(3, socket.acks().size());
        socket.deliver(event("fine", "{}"));
        assertEquals(1, dispatched.size(), "the same event, well formed, is dispatched");
        for (var ack : socket.acks().subList(0, 3)) {
            assertEquals("{\"code\":500}", new String(ack.payload(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void validUtf8IsDispatchedAsIs() {
        FakePlatform.Socket socket = platform.last();
        socket.deliver(event("ok-utf8", "{\"text\":\"飞书 ✓\"}"));
        assertEquals("飞书 ✓", dispatched.get(0).body().getJsonObject("event").getString("text"));
        assertEquals("{\"code\":200}", new String(socket.acks().get(0).payload(), StandardCharsets.UTF_8));
    }

    // ---- warnings a peer can trigger per frame --------------------------------------------------

    @Test
    void aFloodOfBadFramesLogsOneWarningPerKindWithWireValuesEscaped() {
        FakePlatform.Socket socket = platform.last();
        for (int i = 0; i < 100; i++) {
            socket.deliver(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x13});
            socket.deliver(new Frame(1, 1, SERVICE, Frame.Method.DATA, List.of(new Frame.Header("type", "evil\nSEVERE: forged"),
                    new Frame.Header("message_id", "x"), new Frame.Header("sum", "1"), new Frame.Header("seq", "0")),
                    null, null, "{}".getBytes(StandardCharsets.UTF_8), null));
            socket.deliver(data("m\r\n" + i, "not json".getBytes(StandardCharsets.UTF_8)));
            socket.deliver(new Frame(1, 1, SERVICE, Frame.Method.DATA, List.of(new Frame.Header("type", "event"),
                    new Frame.Header("message_id", "y" + i), new Frame.Header("sum", "65"), new Frame.Header("seq", "0")),
                    null, null, new byte[1], null));
        }
        assertEquals(4, warnings.size(), warnings.stream().map(LogRecord::getMessage).toList().toString());
        for (LogRecord r : warnings) {
            assertFalse(r.getMessage().contains("\n") || r.getMessage().contains("\r"), r.getMessage());
        }
        assertEquals(100, socket.acks().size(), "every not-JSON message is still acknowledged with 500");
    }

    @Test
    void thePlatformsCloseReasonIsKeptEscaped() { // WebSocket itself bounds it to 123 bytes
        FakePlatform.Socket socket = platform.last();
        socket.open = false;
        socket.endpoint.onClose(socket.session, new jakarta.websocket.CloseReason(
                jakarta.websocket.CloseReason.CloseCodes.GOING_AWAY, "bye\nSEVERE: forged"));
        String lastError = connection.status().lastError();
        assertFalse(lastError.contains("\n"), lastError);
        assertTrue(lastError.startsWith("closed with 1001 bye\\u000aSEVERE: forged"), lastError);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Frame pong(ClientConfig config) {
        return FrameCodec.control(SERVICE, FrameCodec.PONG,
                config == null ? null : config.toJson().toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Frame data(String messageId, byte[] payload) {
        return new Frame(11, 12, SERVICE, Frame.Method.DATA, List.of(new Frame.Header("type", "event"),
                new Frame.Header("message_id", messageId), new Frame.Header("sum", "1"), new Frame.Header("seq", "0"),
                new Frame.Header("trace_id", "t")), null, null, payload, null);
    }

    private static Frame event(String eventId, String eventJson) {
        return data("m-" + eventId, (eventJson(eventId, eventJson) + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** A schema 2.0 event up to (and without) its closing brace. */
    private static String eventJson(String eventId, String eventStart) {
        return "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"" + eventId + "\",\"token\":\"v\",\"create_time\":\"1\","
                + "\"event_type\":\"im.message.receive_v1\",\"tenant_key\":\"tk\",\"app_id\":\"cli_test\"},\"event\":"
                + eventStart;
    }
}
