package dev.larkee.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /** A webhook receiver answering {@code status}, recording what it got. */
    private final class Target {
        final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
        final BlockingQueue<String> nonces = new LinkedBlockingQueue<>();
        final BlockingQueue<String> contentTypes = new LinkedBlockingQueue<>();
        final URI uri;

        Target(int status, String answer) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/webhook/event", exchange -> {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                nonces.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Lark-Request-Nonce")));
                contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
            toClose.add(() -> server.stop(0));
            uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhook/event");
        }
    }

    private StandaloneSimulator start(List<Duration> schedule) throws IOException {
        StandaloneSimulator s = StandaloneSimulator.start(SimulatorOptions.builder("cli_0123456789abcdef", "secret")
                .webhookRetrySchedule(schedule).webhookTimeout(Duration.ofSeconds(2)).build());
        toClose.add(s);
        return s;
    }

    @Test
    void aFailedPostIsRetriedOnTheNextTargetAfterThePause() throws Exception {
        Target failing = new Target(500, "{\"msg\":\"boom\"}");
        Target working = new Target(200, "{\"msg\":\"success\"}");
        StandaloneSimulator s = start(List.of(Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1)));
        s.setWebhookTargets(List.of(failing.uri, working.uri));
        String body = "{\"schema\":\"2.0\",\"header\":{\"token\":\"vt\"}}";

        long start = System.nanoTime();
        WebhookOutcome outcome = s.postWebhook(body, Map.of("X-Lark-Request-Nonce", "950646929"))
                .get(10, TimeUnit.SECONDS);

        assertTrue(outcome.delivered());
        assertEquals(2, outcome.attempts().size());
        assertEquals(failing.uri, outcome.attempts().get(0).target());
        assertEquals(500, outcome.attempts().get(0).status());
        assertEquals(working.uri, outcome.last().target());
        assertEquals(200, outcome.last().status());
        assertEquals("{\"msg\":\"success\"}", outcome.responseBody());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 200, "retried before the pause");
        assertEquals(body, failing.bodies.poll());
        assertEquals(body, working.bodies.poll());
        assertEquals("950646929", working.nonces.poll());
        assertEquals("application/json; charset=utf-8", working.contentTypes.poll());
        WebhookStats stats = s.stats().webhook();
        assertEquals(new WebhookStats(1, 2, 1, 1, 0), stats);
    }

    @Test
    void unreachableAndFailingTargetsExhaustTheScheduleAndTheOutcomeSaysSo() throws Exception {
        Target failing = new Target(503, "busy");
        URI unreachable = URI.create("http://127.0.0.1:" + freePort() + "/webhook/event");
        StandaloneSimulator s = start(List.of(Duration.ofMillis(50), Duration.ofMillis(50)));
        s.setWebhookTargets(List.of(unreachable, failing.uri));

        WebhookOutcome outcome = s.postWebhook("{}", Map.of()).get(10, TimeUnit.SECONDS);

        assertFalse(outcome.delivered());
        assertEquals(List.of(unreachable, failing.uri, unreachable),
                outcome.attempts().stream().map(WebhookAttempt::target).toList());
        assertEquals(-1, outcome.attempts().get(0).status());
        assertNotNull(outcome.attempts().get(0).error());
        assertEquals(503, outcome.attempts().get(1).status());
        assertEquals(new WebhookStats(1, 3, 3, 0, 1), s.stats().webhook());
    }

    @Test
    void postsStartOnTheTargetsInTurn() throws Exception {
        Target a = new Target(200, "{}");
        Target b = new Target(200, "{}");
        StandaloneSimulator s = start(List.of());
        s.setWebhookTargets(List.of(a.uri, b.uri));

        for (int i = 0; i < 4; i++) {
            assertTrue(s.postWebhook("{\"n\":" + i + "}", Map.of()).get(10, TimeUnit.SECONDS).delivered());
        }

        assertEquals(List.of("{\"n\":0}", "{\"n\":2}"), List.copyOf(a.bodies));
        assertEquals(List.of("{\"n\":1}", "{\"n\":3}"), List.copyOf(b.bodies));
    }

    @Test
    void misuseFailsAtTheCall() throws Exception {
        StandaloneSimulator s = start(List.of());
        assertThrows(IllegalStateException.class, () -> s.postWebhook("{}", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> s.setWebhookTargets(List.of(URI.create("ftp://127.0.0.1/"))));
        s.setWebhookTargets(List.of(URI.create("http://127.0.0.1:" + freePort() + "/")));
        assertThrows(IllegalArgumentException.class, () -> s.postWebhook("{}", Map.of("Host", "example.org")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
