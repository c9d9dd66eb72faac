package dev.larkee.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.longconnection.ClientConfig;
import dev.larkee.longconnection.Frame;
import dev.larkee.longconnection.FrameCodec;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LongConnectionTest {

    static final String APP_ID = "cli_0123456789abcdef";
    static final String SECRET = "s3cr3t-for-tests";
    static final Duration WAIT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private StandaloneSimulator start(SimulatorOptions.Builder options) throws Exception {
        StandaloneSimulator s = StandaloneSimulator.start(options.build());
        toClose.add(s);
        return s;
    }

    private static SimulatorOptions.Builder options() {
        return SimulatorOptions.builder(APP_ID, SECRET).redeliveryTimeout(Duration.ofMillis(1500));
    }

    private TestClient client(StandaloneSimulator s, TestClient.Mode mode) throws Exception {
        TestClient c = TestClient.connect(http, s.base(), APP_ID, SECRET, mode);
        toClose.add(c);
        return c;
    }

    @Test
    void bootstrapHandsOutAFreshTicketedUrlOnLoopbackAndTheClientConfig() throws Exception {
        StandaloneSimulator s = start(options());
        assertTrue(s.base().matches("http://127\\.0\\.0\\.1:\\d+"), s.base());

        JsonObject first = TestClient.bootstrap(http, s.base(), APP_ID, SECRET);
        JsonObject second = TestClient.bootstrap(http, s.base(), APP_ID, SECRET);

        assertEquals(0, first.getInt("code"));
        String url = first.getJsonObject("data").getString("URL");
        assertTrue(url.startsWith("ws://127.0.0.1:" + s.webSocketPort() + "/ws?fpid=1&device_id="), url);
        assertTrue(url.matches(".*&service_id=\\d+&ticket=[0-9a-f]{32}"), url);
        assertNotEquals(url, second.getJsonObject("data").getString("URL"));
        JsonObject config = first.getJsonObject("data").getJsonObject("ClientConfig");
        assertEquals(-1, config.getInt("ReconnectCount"));
        assertEquals(2, config.getInt("ReconnectInterval"));
        assertEquals(0, config.getInt("ReconnectNonce"));
        assertEquals(5, config.getInt("PingInterval"));
    }

    @Test
    void wrongCredentialsGetTheFatalInvalidAppCodeWithHttp200() throws Exception {
        StandaloneSimulator s = start(options());

        JsonObject wrongSecret = TestClient.bootstrap(http, s.base(), APP_ID, "wrong");
        JsonObject wrongApp = TestClient.bootstrap(http, s.base(), "cli_ffffffffffffffff", SECRET);

        assertEquals(Bootstrap.INVALID_CREDENTIALS, wrongSecret.getJsonNumber("code").longValue());
        assertEquals(Bootstrap.INVALID_CREDENTIALS, wrongApp.getJsonNumber("code").longValue());
        assertTrue(wrongSecret.isNull("data"));
        assertEquals(2, s.stats().bootstrapRefusals());
    }

    @Test
    void pingIsAnsweredWithAPongCarryingAllFourClientConfigKeys() throws Exception {
        StandaloneSimulator s = start(options().clientConfig(new ClientConfig(7, -1, 3, 1)));
        TestClient c = client(s, TestClient.Mode.ACK);

        Frame pong = c.ping(WAIT);

        assertNotNull(pong, "no pong");
        assertEquals(FrameCodec.PONG, pong.type());
        assertEquals(c.serviceId, pong.service());
        ClientConfig.Merge merge = ClientConfig.DEFAULTS.merge(ClientConfig.parse(pong.payload()).orElseThrow());
        assertEquals(new ClientConfig(7, -1, 3, 1), merge.config());
        assertTrue(merge.rejected().isEmpty());
    }

    @Test
    void eachMessageGoesToOneRandomConnectionAndIsAckedWithTheDecodedReply() throws Exception {
        StandaloneSimulator s = start(options());
        TestClient a = client(s, TestClient.Mode.ACK);
        TestClient b = client(s, TestClient.Mode.ACK);
        assertTrue(s.awaitConnections(2, WAIT));

        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            deliveries.add(s.send(FrameCodec.EVENT, "{\"schema\":\"2.0\",\"n\":" + i + "}"));
        }
        Map<String, Integer> ackedBy = new HashMap<>();
        for (Delivery d : deliveries) {
            Ack ack = d.ack().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(d.messageId(), ack.messageId());
            assertEquals(200, ack.code());
            assertEquals(TestClient.REPLY, ack.reply());
            assertEquals(1, ack.attempts());
            ackedBy.merge(ack.deviceId(), 1, Integer::sum);
        }

        // 200 fair coin flips: fewer than 50 on one side has a probability of about 1e-12.
        assertTrue(ackedBy.getOrDefault(a.deviceId, 0) >= 50, ackedBy.toString());
        assertTrue(ackedBy.getOrDefault(b.deviceId, 0) >= 50, ackedBy.toString());
        assertEquals(200, a.data.size() + b.data.size(), "each message went to exactly one connection");
        Frame frame = a.data.peek();
        assertEquals("1", frame.header(FrameCodec.SUM).orElseThrow());
        assertEquals("0", frame.header(FrameCodec.SEQ).orElseThrow());
        assertTrue(frame.header(FrameCodec.TRACE_ID).isPresent());
        assertEquals(a.serviceId, frame.service());
        assertEquals(200, s.connections().stream().mapToLong(ConnectionInfo::delivered).sum());
        DeliveryStats stats = s.stats().delivery();
        assertEquals(200, stats.messages());
        assertEquals(200, stats.acked());
        assertEquals(0, stats.redeliveries());
        assertEquals(0, stats.unacked());
    }

    @Test
    void sendToHandsAMessageToTheChosenConnectionFirst() throws Exception {
        StandaloneSimulator s = start(options());
        TestClient a = client(s, TestClient.Mode.ACK);
        TestClient b = client(s, TestClient.Mode.ACK);
        assertTrue(s.awaitConnections(2, WAIT));
        for (int i = 0; i < 20; i++) {
            TestClient chosen = i % 2 == 0 ? a : b;
            Ack ack = s.sendTo(chosen.deviceId, FrameCodec.EVENT, "{\"schema\":\"2.0\",\"n\":" + i + "}")
                    .ack().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(chosen.deviceId, ack.deviceId());
        }
        assertEquals(10, a.data.size());
        assertEquals(10, b.data.size());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> s.sendTo("no-such-device", FrameCodec.EVENT, "{}"));
    }

    @Test
    void anUnackedMessageIsRedeliveredAfterTheTimeoutToTheOtherConnection() throws Exception {
        StandaloneSimulator s = start(options());
        TestClient silent = client(s, TestClient.Mode.SILENT);
        Delivery d = s.send(FrameCodec.EVENT, "{\"schema\":\"2.0\"}");
        Frame first = silent.nextData(WAIT);
        assertNotNull(first, "the only connection did not get the message");
        TestClient acking = client(s, TestClient.Mode.ACK);

        long start = System.nanoTime();
        Ack ack = d.ack().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertEquals(acking.deviceId, ack.deviceId());
        assertEquals(2, ack.attempts());
        assertEquals(2, d.attempts());
        assertTrue(ack.sinceFirstSend().toMillis() >= 1500, ack.toString());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5000);
        Frame again = acking.data.peek();
        assertEquals(first.header(FrameCodec.MESSAGE_ID), again.header(FrameCodec.MESSAGE_ID));
        assertEquals(first.payload().length, again.payload().length);
        DeliveryStats stats = s.stats().delivery();
        assertEquals(1, stats.redeliveries());
        assertEquals(2, stats.transmissions());
        assertEquals(1, stats.acked());
    }

    @Test
    void aMessageWhoseConnectionClosedIsRedeliveredAndOneSentWithoutConnectionWaits() throws Exception {
        StandaloneSimulator s = start(options());
        Delivery waiting = s.send(FrameCodec.EVENT, "{\"schema\":\"2.0\",\"n\":1}");
        assertEquals(0, waiting.attempts());
        assertEquals(1, s.stats().delivery().waiting());

        TestClient closing = client(s, TestClient.Mode.CLOSE_ON_DATA);
        assertNotNull(closing.nextData(WAIT), "the waiting message was not sent when a connection opened");
        assertEquals(1000, closing.closeCode.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        TestClient acking = client(s, TestClient.Mode.ACK);

        Ack ack = waiting.ack().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(acking.deviceId, ack.deviceId());
        assertEquals(2, ack.attempts());
        assertEquals(0, s.stats().delivery().unacked());
    }

    @Test
    void aMessageNeverAckedIsGivenUpAfterMaxAttempts() throws Exception {
        StandaloneSimulator s = start(options().redeliveryTimeout(Duration.ofMillis(300)).maxAttempts(3));
        TestClient silent = client(s, TestClient.Mode.SILENT);

        Delivery d = s.send(FrameCodec.CARD, "{\"schema\":\"2.0\"}");

        ExecutionException e = assertThrows(ExecutionException.class, () -> d.ack().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertEquals(3, silent.data.size());
        assertEquals(FrameCodec.CARD, silent.data.peek().type());
        DeliveryStats stats = s.stats().delivery();
        assertEquals(1, stats.abandoned());
        assertEquals(2, stats.redeliveries());
        assertEquals(0, stats.unacked());
    }

    @Test
    void aSecondAckOfTheSameMessageIsCountedAsDuplicate() throws Exception {
        StandaloneSimulator s = start(options());
        TestClient twice = client(s, TestClient.Mode.ACK_TWICE);

        Ack ack = s.send(FrameCodec.EVENT, "{\"schema\":\"2.0\"}").ack().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        // A socket's frames are handled in order: once the pong is back, the second ack was handled too.
        assertNotNull(twice.ping(WAIT));

        assertEquals(twice.deviceId, ack.deviceId());
        assertEquals(1, s.stats().delivery().duplicateAcks());
        assertEquals(1, s.stats().delivery().acked());
    }

    @Test
    void theFiftyFirstConnectionIsRefusedByBootstrapAndHandshake() throws Exception {
        StandaloneSimulator s = start(options());
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < 49; i++) {
            clients.add(client(s, TestClient.Mode.ACK));
        }
        // A bootstrap while 49 are open succeeds; its URL is dialled only after the 50th opened.
        JsonObject late = TestClient.bootstrap(http, s.base(), APP_ID, SECRET);
        assertEquals(0, late.getInt("code"));
        clients.add(client(s, TestClient.Mode.ACK));
        assertTrue(s.awaitConnections(SimulatorOptions.PLATFORM_MAX_CONNECTIONS, WAIT));

        JsonObject refused = TestClient.bootstrap(http, s.base(), APP_ID, SECRET);
        assertEquals(Bootstrap.EXCEED_CONNECTION_LIMIT, refused.getJsonNumber("code").longValue());
        assertTrue(refused.isNull("data"));

        URI lateUrl = URI.create(late.getJsonObject("data").getString("URL"));
        CompletionException handshake = assertThrows(CompletionException.class,
                () -> TestClient.dial(http, lateUrl, TestClient.Mode.ACK));
        java.net.http.WebSocketHandshakeException refusal = assertInstanceOf(
                java.net.http.WebSocketHandshakeException.class, handshake.getCause());
        assertEquals(400, refusal.getResponse().statusCode());
        assertEquals("514", refusal.getResponse().headers().firstValue("Handshake-Status").orElse(null));
        assertEquals("1000040350", refusal.getResponse().headers().firstValue("Handshake-Autherrcode").orElse(null));
        assertEquals(50, s.stats().openConnections());

        // A slot freed is a slot to take again.
        clients.get(0).close();
        assertEquals(1000, clients.get(0).closeCode.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(s.awaitConnectionsAtMost(49, WAIT)); // the server sees the close a moment after the client
        assertEquals(0, TestClient.bootstrap(http, s.base(), APP_ID, SECRET).getInt("code"));
    }

    @Test
    void aForgedOrReusedTicketIsRefusedBeforeTheUpgrade() throws Exception {
        StandaloneSimulator s = start(options());
        TestClient c = client(s, TestClient.Mode.ACK);
        String used = "ws://127.0.0.1:" + s.webSocketPort() + "/ws?fpid=1&device_id=" + c.deviceId + "&service_id="
                + c.serviceId + "&ticket=00000000000000000000000000000000";

        for (URI url : List.of(URI.create(used), c.url)) {
            CompletionException e = assertThrows(CompletionException.class,
                    () -> TestClient.dial(http, url, TestClient.Mode.ACK));

            java.net.http.WebSocketHandshakeException refusal = assertInstanceOf(
                    java.net.http.WebSocketHandshakeException.class, e.getCause());
            assertEquals(400, refusal.getResponse().statusCode());
            assertEquals("514", refusal.getResponse().headers().firstValue("Handshake-Status").orElse(null));
            assertFalse(refusal.getResponse().headers().firstValue("Handshake-Autherrcode").isPresent());
        }
        assertEquals(1, s.stats().openConnections());
    }

    @Test
    void closeFailsWhatIsUnackedAndTellsClientsToGoAway() throws Exception {
        StandaloneSimulator s = start(options());
        TestClient silent = client(s, TestClient.Mode.SILENT);
        Delivery d = s.send(FrameCodec.EVENT, "{}");
        assertNotNull(silent.nextData(WAIT));

        s.close();

        ExecutionException e = assertThrows(ExecutionException.class, () -> d.ack().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(1001, silent.closeCode.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, () -> s.send(FrameCodec.EVENT, "{}"));
        assertFalse(s.awaitConnections(1, Duration.ofMillis(1)));
    }

    @Test
    void disconnectClosesOneConnectionWithTheGivenCode() throws Exception {
        StandaloneSimulator s = start(options());
        TestClient c = client(s, TestClient.Mode.ACK);
        assertTrue(s.awaitConnections(1, WAIT));

        assertTrue(s.disconnect(c.deviceId, 4000));

        assertEquals(4000, c.closeCode.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertFalse(s.disconnect("no-such-device", 1000));
    }

    @Test
    void sendRejectsUnknownFrameTypesAndAFullWaitingQueue() throws Exception {
        StandaloneSimulator s = start(options().maxWaiting(2));
        assertThrows(IllegalArgumentException.class, () -> s.send("ping", "{}"));
        s.send(FrameCodec.EVENT, "{}");
        s.send(FrameCodec.EVENT, "{}");
        assertThrows(IllegalStateException.class, () -> s.send(FrameCodec.EVENT, "{}"));
        assertEquals(2, s.stats().delivery().waiting());
    }
}
