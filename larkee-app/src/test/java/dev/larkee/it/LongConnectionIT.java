package dev.larkee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.configuration.LarkeeConfiguration;
import dev.larkee.dispatch.ObserverExecutors;
import dev.larkee.longconnection.ClientConfig;
import dev.larkee.longconnection.ConnectionState;
import dev.larkee.longconnection.ConnectionStatus;
import dev.larkee.longconnection.Frame;
import dev.larkee.longconnection.FrameCodec;
import dev.larkee.longconnection.LongConnectionReadiness;
import dev.larkee.longconnection.LongConnections;
import dev.larkee.longconnection.wire.Pbbp2;
import dev.larkee.simulator.Ack;
import dev.larkee.simulator.BootstrapFault;
import dev.larkee.simulator.ConnectionInfo;
import dev.larkee.simulator.Delivery;
import dev.larkee.simulator.FragmentOrder;
import dev.larkee.simulator.HandshakeFault;
import dev.larkee.simulator.PlatformSimulator;
import dev.larkee.simulator.Push;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The long connection against the platform simulator in the same Payara Micro: no credential is
 * configured, so larkee dials its own simulator. Runs in the container; one deployment for all.
 */
@ExtendWith(ArquillianExtension.class)
class LongConnectionIT {

    /** Pings every 3 s (liveness window 6 s), reconnect jitter under 1 s, back-off capped at 1 s. */
    private static final ClientConfig FAST = new ClientConfig(3, -1, 1, 1);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment
    static WebArchive deployment() {
        return Deployments.larkee(Map.of(
                        LarkeeConfiguration.SIMULATOR_ENABLED, "true",
                        LarkeeConfiguration.WEBHOOK_ENABLED, "true",
                        LarkeeConfiguration.EXAMPLES_ENABLED, "false",
                        LarkeeConfiguration.LC_SHUTDOWN_GRACE_MS, "5000"))
                .addClasses(LongConnectionIT.class, LongConnectionObservers.class, ReadinessProbe.class);
    }

    @Inject
    PlatformSimulator simulator;

    @Inject
    LongConnections connections;

    @Inject
    LongConnectionObservers observers;

    @Inject
    @Readiness
    LongConnectionReadiness readiness;

    @Inject
    LarkeeConfiguration configuration;

    @Inject
    ObserverExecutors executors;


    @BeforeEach
    void fastAndConnected() throws Exception {
        simulator.reset();
        simulator.clientConfig(FAST);
        observers.releaseSlow();
        ConnectionStatus s = status();
        if (s.state() == ConnectionState.STOPPED || s.state() == ConnectionState.STOPPING) {
            connections.resume();
        } else if (s.state() != ConnectionState.CONNECTED || !s.clientConfig().equals(FAST)) {
            connections.restart();
        }
        awaitConnected();
    }

    // ---- callbacks and events -----------------------------------------------------------------

    @Test
    void everyCallbackTypeIsAnsweredWithTheObserversReply() throws Exception {
        String cardId = id();
        Ack card = ack(simulator.push(Push.event(cardAction(cardId))));
        assertEquals(200, card.code());
        assertEquals("clicked " + cardId, json(card.data()).getJsonObject("toast").getString("content"));
        assertEquals("success", json(card.data()).getJsonObject("toast").getString("type"));

        String asCardFrame = id();
        Ack cardFrame = ack(simulator.push(Push.event(cardAction(asCardFrame)).asCard()));
        assertEquals(200, cardFrame.code());
        assertEquals("clicked " + asCardFrame, json(cardFrame.data()).getJsonObject("toast").getString("content"));
        assertEquals("card", cardFrame.headers().get(0).value());

        String previewId = id();
        Ack preview = ack(simulator.push(Push.event(urlPreview(previewId, "https://example.com/doc"))));
        assertEquals(200, preview.code());
        assertEquals("preview " + previewId, json(preview.data()).getJsonObject("inline").getString("title"));

        String messageId = id();
        Ack message = ack(simulator.push(Push.event(event("im.message.receive_v1", messageId, "{\"text\":\"hi\"}"))));
        assertEquals(200, message.code());
        assertNull(message.data());
        assertNotNull(observers.seen(messageId));

        Ack unobserved = ack(simulator.push(Push.event(event("contact.user.created_v3", id(), "{}"))));
        assertEquals(200, unobserved.code());
        assertNull(unobserved.data());

        String failingId = id();
        Ack failing = ack(simulator.push(Push.event(event("test.fail", failingId, "{}"))));
        assertEquals(500, failing.code());
        assertNotNull(observers.seen(failingId));

        Ack notJson = ack(simulator.push(new Push("not json".getBytes(StandardCharsets.UTF_8), "event", 1,
                FragmentOrder.IN_ORDER, null)));
        assertEquals(500, notJson.code());

        Ack tooDeep = ack(simulator.push(Push.event("{\"a\":" + "[".repeat(1500) + "]".repeat(1500) + "}")));
        assertEquals(500, tooDeep.code(), "JSON nested past the parser's limit is refused, the connection stays");

        for (Ack a : List.of(card, cardFrame, preview, message, unobserved, failing, notJson, tooDeep)) {
            assertEquals(List.of(), a.problems(), a.messageId());
            assertTrue(a.bizRtMs() >= 0);
            assertTrue(a.latency().toMillis() < 3000, "acked within the platform's 3 s: " + a.latency());
            assertEquals("biz_rt", a.headers().get(a.headers().size() - 1).key());
        }
    }

    @Test
    void aFiveMebibytePayloadIsAcknowledgedAsOneFrameAndFragmented() throws Exception {
        String text = "x".repeat(5 << 20); // over Tyrus' default 4 MiB frame limit, under the platform's 16 MiB
        String device = device();
        for (int fragments : new int[] {1, 3}) {
            String eventId = id();
            Ack a = ack(simulator.push(new Push(event("im.message.receive_v1", eventId,
                    "{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8), "event", fragments,
                    FragmentOrder.IN_ORDER, null)));
            assertEquals(200, a.code(), fragments + " fragment(s)");
            assertEquals(List.of(), a.problems());
            assertEquals(device, a.deviceId(), "on the same socket: not closed for the size");
            assertTrue(observers.seen(eventId).length() > text.length());
        }
        assertEquals(device, device());
    }

    @Test
    void fragmentedPayloadsAreReassembled() throws Exception {
        String text = "飞书长连接分片测试 ".repeat(40); // multi-byte characters: cuts fall inside them
        for (FragmentOrder order : List.of(FragmentOrder.IN_ORDER, FragmentOrder.REVERSED, FragmentOrder.WITH_DUPLICATE)) {
            String eventId = id();
            String body = event("im.message.receive_v1", eventId,
                    Json.createObjectBuilder().add("text", text).build().toString());
            Ack a = ack(simulator.push(Push.event(body).split(7, order)));
            assertEquals(200, a.code(), order.name());
            assertEquals(List.of(), a.problems(), order.name());
            assertEquals(text, json(observers.seen(eventId)).getJsonObject("event").getString("text"), order.name());
        }
        String cardId = id();
        Ack card = ack(simulator.push(Push.event(cardAction(cardId)).split(3, FragmentOrder.REVERSED)));
        assertEquals("clicked " + cardId, json(card.data()).getJsonObject("toast").getString("content"));

        String missingId = id();
        Delivery missing = simulator.push(Push.event(event("im.message.receive_v1", missingId, "{}"))
                .split(4, FragmentOrder.MISSING_LAST));
        assertThrows(TimeoutException.class, () -> missing.ack().get(1500, TimeUnit.MILLISECONDS));
        assertNull(observers.seen(missingId));
    }

    // ---- lifecycle ----------------------------------------------------------------------------

    @Test
    void serverCloseMidStreamReconnectsAndLosesNothingReceived() throws Exception {
        String before = device();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(id());
            simulator.push(Push.event(event("im.message.receive_v1", ids.get(i), "{}")));
        }
        simulator.close(before, 1001, "going away");
        assertTrue(simulator.await(s -> s.connections().size() == 1 && !s.connections().get(0).deviceId().equals(before),
                WAIT), "reconnected");
        for (String id : ids) {
            assertTrue(simulator.await(s -> observers.seen(id) != null, WAIT), "delivered " + id);
        }
        awaitConnected();
        assertNotEquals(before, device());
        assertEquals(200, ack(simulator.push(Push.event(event("im.message.receive_v1", id(), "{}")))).code());
    }

    @Test
    void readinessSaysUpOnlyOnceThePlatformCanDeliverOnTheSocket() throws Exception {
        String before = device();
        // The platform registers the next socket 1.5 s after its 101: larkee sees it open at once.
        simulator.registerLateOnNextOpen(Duration.ofMillis(1500));
        connections.restart();
        assertTrue(simulator.await(s -> !status().deviceId().equals(before) && ready(), WAIT), "ready again");
        // At once: the console sends over the long connection.
        JsonObject answer = json(ConsoleCalls.post(configuration.httpPort(), "send",
                "{\"kind\":\"card\",\"value\":\"{\\\"k\\\":\\\"v\\\"}\"}").body());
        assertEquals(JsonValue.NULL, answer.get("problem"), answer.toString());
        assertEquals(200, answer.getInt("status"), answer.toString());
    }

    @Test
    void garbageBinaryAndTextFramesAreIgnoredWithoutDroppingTheConnection() throws Exception {
        String device = device();
        int service = simulator.connections().get(0).serviceId();
        simulator.sendRaw(device, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x13});
        simulator.sendRaw(device, new byte[0]);
        simulator.sendRaw(device, Pbbp2.Frame.newBuilder().setSeqID(1).setLogID(1).setService(service)
                .buildPartial().toByteArray()); // no method
        simulator.sendRaw(device, Pbbp2.Frame.newBuilder().setSeqID(1).setLogID(1).setService(service).setMethod(9)
                .build().toByteArray()); // unknown method
        simulator.sendRaw(device, FrameCodec.encode(new Frame(1, 1, service, Frame.Method.DATA,
                List.of(new Frame.Header("type", "mystery"), new Frame.Header("message_id", "x"),
                        new Frame.Header("sum", "1"), new Frame.Header("seq", "0"), new Frame.Header("trace_id", "t")),
                null, null, "{}".getBytes(StandardCharsets.UTF_8), null)));
        simulator.sendRaw(device, FrameCodec.encode(new Frame(1, 1, service, Frame.Method.DATA,
                List.of(new Frame.Header("type", "event"), new Frame.Header("message_id", "y"),
                        new Frame.Header("sum", "x"), new Frame.Header("seq", "0"), new Frame.Header("trace_id", "t")),
                null, null, "{}".getBytes(StandardCharsets.UTF_8), null)));
        simulator.sendText(device, "hello");
        simulator.sendRaw(device, FrameCodec.encode(FrameCodec.control(service, "pong", "[not config".getBytes(StandardCharsets.UTF_8))));

        Ack after = ack(simulator.push(Push.event(event("im.message.receive_v1", id(), "{}"))));
        assertEquals(200, after.code());
        assertEquals(device, after.deviceId());
        assertEquals(device, device());
        assertEquals(FAST, status().clientConfig());
    }

    @Test
    void fatalBootstrapStopsRetryingAndReportsDown() throws Exception {
        assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());
        simulator.failBootstraps(BootstrapFault.code(10003, "invalid app secret"), Integer.MAX_VALUE);
        simulator.close(device(), 1000, "bye");
        assertTrue(simulator.await(s -> status().state() == ConnectionState.FAILED, WAIT), "gave up");
        long requests = simulator.bootstrapRequests();
        assertFalse(simulator.await(s -> s.bootstrapRequests() > requests, Duration.ofSeconds(3)), "no more bootstraps");

        HealthCheckResponse health = readiness.call();
        assertEquals(HealthCheckResponse.Status.DOWN, health.getStatus());
        Map<String, Object> data = health.getData().orElseThrow();
        assertEquals("FAILED", data.get("#1.state"));
        assertTrue(data.get("#1.last_error").toString().contains("10003"), data.toString());

        HttpResponse<String> http = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                ReadinessProbe.readyUri(configuration.httpPort())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(503, http.statusCode());
        assertTrue(http.body().contains("10003"), http.body());
        assertFalse(http.body().contains(configuration.appSecret().reveal()), "no secret in health data");

        simulator.reset();
        simulator.clientConfig(FAST);
        connections.restart();
        awaitConnected();
        assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());
    }

    @Test
    void transientBootstrapFailuresAreRetriedWithBackOff() throws Exception {
        long requests = simulator.bootstrapRequests();
        simulator.failBootstraps(BootstrapFault.code(1, "system busy"), 1);
        String before = device();
        simulator.close(before, 1000, "bye");
        assertTrue(simulator.await(s -> s.bootstrapRequests() >= requests + 1, WAIT));
        simulator.failBootstraps(BootstrapFault.httpStatus(500), 1);
        assertTrue(simulator.await(s -> s.bootstrapRequests() >= requests + 2, WAIT));
        simulator.failBootstraps(BootstrapFault.nullData(), 1);
        awaitConnected();
        assertTrue(simulator.bootstrapRequests() >= requests + 4, "three failures, then success");
        assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());
    }

    @Test
    void handshakeRefusalsAreClassified() throws Exception {
        long handshakes = simulator.handshakeAttempts();
        simulator.rejectHandshakes(HandshakeFault.authFailed(1000040343L), 2);
        String before = device();
        simulator.close(before, 1000, "bye");
        // Wait on the count itself: the closed socket may still be listed for a moment (WildFly).
        assertTrue(simulator.await(s -> s.handshakeAttempts() >= handshakes + 3, WAIT), "two refusals retried, then admitted");
        assertTrue(simulator.await(s -> !status().deviceId().equals(before), WAIT), "a new connection");
        awaitConnected();

        // The platform refuses every attempt while the app is at its limit; twice here, because on WildFly
        // larkee repeats a refused upgrade once to read the Handshake-* headers Undertow drops.
        simulator.rejectHandshakes(HandshakeFault.connectionLimit(), 2);
        simulator.close(device(), 1000, "bye");
        assertTrue(simulator.await(s -> status().state() == ConnectionState.FAILED, WAIT));
        assertTrue(status().lastError().contains("1000040350"), status().lastError());
        assertFalse(status().lastError().contains("ticket"), "no URL in errors");

        simulator.rejectHandshakes(HandshakeFault.forbidden(), 1);
        connections.restart();
        assertTrue(simulator.await(s -> status().state() == ConnectionState.FAILED
                && status().lastError().contains("403"), WAIT), status().lastError());
    }

    @Test
    void silentPlatformIsDetectedByTheWatchdog() throws Exception {
        String before = device();
        simulator.stopAnsweringPings(before);
        // Window = 2 x 3 s; the new connection must come from a fresh bootstrap.
        assertTrue(simulator.await(s -> s.connections().stream().anyMatch(c -> !c.deviceId().equals(before))
                && s.closeCode(before).isPresent(), WAIT), "watchdog reconnected");
        awaitConnected();
        assertTrue(status().lastError().contains("nothing heard"), status().lastError());
    }

    @Test
    void clientConfigPushedInAPongChangesThePingPeriod() throws Exception {
        String device = device();
        long pings = simulator.connections().get(0).pings();
        simulator.sendConfigInNextPong(device, new ClientConfig(1, -1, 1, 1));
        assertTrue(simulator.await(s -> pingsOf(device) >= pings + 4, WAIT), "faster pings");
        List<Instant> recent = simulator.connections().get(0).recentPings();
        Duration lastGap = Duration.between(recent.get(recent.size() - 2), recent.get(recent.size() - 1));
        assertTrue(lastGap.toMillis() < 2000, "ping period now ~1 s, was " + lastGap);
        assertEquals(1, status().clientConfig().pingIntervalSeconds());
    }

    @Test
    void slowObserverDoesNotHoldUpFastOnesAndLateCallbacksGetTheFallback() throws Exception {
        CountDownLatch started = observers.holdSlow();
        Delivery slow = simulator.push(Push.event(event("test.slow", id(), "{}")));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        List<Delivery> fast = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fast.add(simulator.push(Push.event(cardAction(id()))));
        }
        for (Delivery d : fast) {
            assertEquals(200, ack(d).code());
        }
        assertFalse(slow.ack().isDone(), "the slow event is still running");

        Delivery latePreview = simulator.push(Push.event(urlPreview(id(), "https://example.com/slow")));
        Ack late = latePreview.ack().get(3500, TimeUnit.MILLISECONDS);
        assertEquals(200, late.code());
        assertEquals("{}", late.data(), "the fallback reply of a late callback");
        assertTrue(late.latency().toMillis() < 3000, "within the platform's 3 s: " + late.latency());

        Ack slowEvent = slow.ack().get(5, TimeUnit.SECONDS);
        assertEquals(200, slowEvent.code(), "a late event is acknowledged at the deadline");
        observers.releaseSlow();
    }

    @Test
    void stopLetsRepliesUnderWayFinishThenClosesWith1000() throws Exception {
        String device = device();
        CountDownLatch started = observers.holdSlow();
        Delivery inFlight = simulator.push(Push.event(cardAction(id() + "-slow")));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        // A managed thread: EJB calls need the application's context.
        Future<Long> stop = executors.observers().submit(connections::stop);
        assertTrue(simulator.await(s -> status().state() == ConnectionState.STOPPING, WAIT), status().toString());

        String ignoredId = id();
        Delivery afterStop = simulator.push(device, Push.event(event("im.message.receive_v1", ignoredId, "{}")));
        assertFalse(inFlight.ack().isDone(), "stop waits for the reply under way");
        observers.releaseSlow();
        Ack reply = inFlight.ack().get(10, TimeUnit.SECONDS);
        assertEquals(200, reply.code());
        assertTrue(reply.data().contains("clicked"), "the observer's own reply, not the fallback: " + reply.data());
        assertEquals(0L, stop.get(10, TimeUnit.SECONDS), "no reply abandoned");
        assertTrue(simulator.await(s -> s.closeCode(device).isPresent(), WAIT));
        assertEquals(1000, simulator.closeCode(device).orElseThrow());
        ExecutionException notAcked = assertThrows(ExecutionException.class, () -> afterStop.ack().get(5, TimeUnit.SECONDS));
        assertNotNull(notAcked.getCause());
        assertNull(observers.seen(ignoredId), "frames after stop are not taken");
        assertEquals(ConnectionState.STOPPED, status().state());

        connections.resume();
        awaitConnected();
    }

    @Test
    void manyReconnectsLeaveNoThreadOrSessionBehind() throws Exception {
        simulator.clientConfig(new ClientConfig(3, -1, 1, 0)); // no jitter: reconnect at once
        connections.restart();
        awaitConnected();
        reconnect(20); // warms the managed pools up to their core size
        int threadsBefore = Thread.getAllStackTraces().size();
        reconnect(1000); // the figure: a thousand reconnects leave nothing behind
        int threadsAfter = Thread.getAllStackTraces().size();
        assertTrue(threadsAfter <= threadsBefore + 4, "threads " + threadsBefore + " -> " + threadsAfter);
        assertEquals(1, simulator.connections().size(), "one socket open on the platform side");
        assertEquals(200, ack(simulator.push(Push.event(event("im.message.receive_v1", id(), "{}")))).code());
    }

    private void reconnect(int times) throws Exception {
        for (int i = 0; i < times; i++) {
            String before = device();
            simulator.close(before, 1000, "cycle " + i);
            assertTrue(simulator.await(s -> s.connections().size() == 1
                    && !s.connections().get(0).deviceId().equals(before) && s.connections().get(0).pings() > 0
                    && status().state() == ConnectionState.CONNECTED, WAIT), "cycle " + i);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private ConnectionStatus status() {
        List<ConnectionStatus> all = connections.status();
        return all.isEmpty() ? new ConnectionStatus(1, ConnectionState.IDLE, "", false, 0, "", null, ClientConfig.DEFAULTS, null)
                : all.get(0);
    }

    private void awaitConnected() throws InterruptedException {
        assertTrue(simulator.await(s -> {
            ConnectionStatus st = status();
            List<ConnectionInfo> open = s.connections();
            return st.state() == ConnectionState.CONNECTED && st.alive() && open.size() == 1
                    && open.get(0).deviceId().equals(st.deviceId()) && open.get(0).pings() > 0;
        }, WAIT), () -> "not connected: " + status() + " simulator sees " + simulator.connections());
    }

    /** What a load balancer sees: GET /health/ready answers 200. */
    private boolean ready() {
        return ReadinessProbe.up(ReadinessProbe.readyUri(configuration.httpPort()));
    }

    private String device() {
        return simulator.connections().get(0).deviceId();
    }

    private long pingsOf(String device) {
        return simulator.connections().stream().filter(c -> c.deviceId().equals(device)).mapToLong(ConnectionInfo::pings)
                .findFirst().orElse(-1);
    }

    private static Ack ack(Delivery d) throws Exception {
        return d.ack().get(10, TimeUnit.SECONDS);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static String event(String type, String eventId, String eventJson) {
        return "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"" + eventId + "\",\"token\":\"v\",\"create_time\":\""
                + System.currentTimeMillis() + "\",\"event_type\":\"" + type
                + "\",\"tenant_key\":\"tk\",\"app_id\":\"cli_test\"},\"event\":" + eventJson + "}";
    }

    private static String cardAction(String eventId) {
        return event("card.action.trigger", eventId, "{\"operator\":{\"open_id\":\"ou_1\"},\"token\":\"c-1\","
                + "\"action\":{\"value\":{\"k\":\"v\"},\"tag\":\"button\"},\"host\":\"im_message\","
                + "\"context\":{\"open_message_id\":\"om_1\",\"open_chat_id\":\"oc_1\"}}");
    }

    private static String urlPreview(String eventId, String url) {
        return event("url.preview.get", eventId, "{\"operator\":{\"open_id\":\"ou_1\"},\"host\":\"im_message\","
                + "\"context\":{\"url\":\"" + url + "\",\"preview_token\":\"p\",\"open_message_id\":\"om_1\","
                + "\"open_chat_id\":\"oc_1\"}}");
    }
}
