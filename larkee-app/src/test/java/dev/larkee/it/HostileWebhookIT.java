package dev.larkee.it;

import dev.larkee.spec.Vectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.simulator.WebhookRequest;
import dev.larkee.webhook.WebhookVerifierTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhook under attack, on a real Payara Micro with an Encrypt Key: no oracle on the unsigned
 * path, the legacy card URL takes legacy cards only, slow and vanishing senders cost no thread and
 * no log flood, and every malformed request gets the webhook's JSON, never a container page.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileWebhookIT {

    private static final String EK = "lark-spec-encrypt-key";
    private static final String VT = "vt_spec_0123456789abcdef";
    private static final int BODY_TIMEOUT_MS = 1500;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.larkee(Map.of(
                        "larkee.encrypt-key", EK,
                        "larkee.verification-token", VT,
                        "larkee.webhook.body-timeout-ms", Integer.toString(BODY_TIMEOUT_MS)))
                .addClasses(VectorClock.class, RecordingObservers.class, ObserverCallsResource.class,
                        ServerLogResource.class, IsolationObservers.class);
    }

    @ArquillianResource
    URL base;

    @BeforeEach
    void overLoopback() {
        base = Loopback.of(base);
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private URI webhook(String endpoint) {
        return URI.create(base.toExternalForm() + "api/webhook/" + endpoint);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String endpoint, WebhookRequest r) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(webhook(endpoint)).POST(HttpRequest.BodyPublishers.ofByteArray(r.body()));
        r.headers().forEach(b::header);
        return send(b);
    }

    /** A plaintext card.action.trigger with the right token. */
    private static String cardAction(String eventId) {
        return "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"" + eventId + "\",\"token\":\"" + VT
                + "\",\"create_time\":\"1700000000000\",\"event_type\":\"card.action.trigger\",\"tenant_key\":\"t\","
                + "\"app_id\":\"cli_a1b2c3d4e5f60718\"},\"event\":{\"operator\":{\"open_id\":\"ou_1\"},\"token\":\"c-1\","
                + "\"action\":{\"value\":{\"a\":1},\"tag\":\"button\"},\"host\":\"im_message\"}}";
    }

    private static void assertJsonRefusal(HttpResponse<String> r, int status, String check) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        assertEquals(check, json(r.body()).getString("check"), r.body());
    }

    @Test
    void noUnsignedRequestLearnsWhatFailedInside() throws Exception {
        Set<String> answers = new TreeSet<>();
        for (String endpoint : List.of("event", "card")) {
            for (Map.Entry<String, byte[]> e : WebhookVerifierTest.unsignedFailures().entrySet()) {
                HttpResponse<String> r = send(HttpRequest.newBuilder(webhook(endpoint))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(e.getValue())));
                answers.add(r.statusCode() + " " + r.headers().firstValue("Content-Type").orElse("") + " " + r.body());
            }
        }
        assertEquals(1, answers.size(), String.join("\n", answers));
        assertTrue(answers.iterator().next().startsWith("401 "), answers.toString());
        // The one thing the unsigned path is for still works.
        HttpResponse<String> verification = send(HttpRequest.newBuilder(webhook("event"))
                .header("Content-Type", "application/json; charset=utf-8").POST(HttpRequest.BodyPublishers
                        .ofString(Vectors.http("H2").getJsonObject("request").getString("body_utf8"))));
        assertEquals(200, verification.statusCode(), verification.body());
    }

    @Test
    void theLegacyCardUrlTakesNoEventOrNewCallbackSignedWithTheTokenAlone() throws Exception {
        String eventId = "legacybypass0000000000000000000001";
        String card = cardAction(eventId);
        String v1 = "{\"uuid\":\"legacybypassv1\",\"token\":\"" + VT + "\",\"ts\":\"1700000000\",\"type\":\"event_callback\","
                + "\"event\":{\"type\":\"out_approval\",\"app_id\":\"cli_a1b2c3d4e5f60718\"}}";
        for (String plaintext : List.of(card, v1)) {
            HttpResponse<String> r = post("card", WebhookRequest.legacyCard(plaintext).verificationToken(VT)
                    .timestamp(VectorClock.NOW_SECONDS).build());
            assertJsonRefusal(r, 400, "kind");
        }
        VectorClient client = new VectorClient(base);
        assertEquals(0, client.observerCalls(eventId));
        assertEquals(0, client.observerCalls("legacybypassv1"));
    }

    @Test
    void aLinkPreviewReusingACardActionsIdGetsItsOwnAnswer() throws Exception {
        String id = "sharedid000000000000000000000042";
        String card = cardAction(id);
        String preview = "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"" + id + "\",\"token\":\"" + VT
                + "\",\"create_time\":\"1700000000000\",\"event_type\":\"url.preview.get\",\"tenant_key\":\"t\","
                + "\"app_id\":\"cli_a1b2c3d4e5f60718\"},\"event\":{\"operator\":{\"open_id\":\"ou_1\"},"
                + "\"context\":{\"url\":\"https://example.com/doc/123\",\"preview_token\":\"p-1\"}}}";
        HttpResponse<String> toast = post("event", WebhookRequest.event(card).encryptKey(EK).timestamp(VectorClock.NOW_SECONDS).build());
        assertTrue(json(toast.body()).containsKey("toast"), toast.body());
        HttpResponse<String> inline = post("event", WebhookRequest.event(preview).encryptKey(EK).timestamp(VectorClock.NOW_SECONDS).build());
        assertEquals(200, inline.statusCode(), inline.body());
        assertTrue(json(inline.body()).containsKey("inline"), inline.body());
        assertEquals(2, new VectorClient(base).observerCalls(id));
    }

    @Test
    void aTimestampFarInThePastNeverWrapsAroundIntoTheWindow() throws Exception {
        String plaintext = Vectors.http("H6").getJsonObject("request").getString("body_utf8");
        for (long ts : new long[] {VectorClock.NOW_SECONDS + Long.MIN_VALUE, Long.MIN_VALUE}) {
            WebhookRequest r = WebhookRequest.event(plaintext).encryptKey(EK).timestamp(ts).build();
            assertJsonRefusal(post("event", r), 401, "timestamp");
        }
    }

    @Test
    void malformedRequestsGetTheWebhooksJsonNeverAContainerPage() throws Exception {
        byte[] body = Vectors.http("H2").getJsonObject("request").getString("body_utf8").getBytes(StandardCharsets.UTF_8);
        assertJsonRefusal(send(HttpRequest.newBuilder(webhook("event")).header("Content-Type", "application/json")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(body))), 400, "content-type");
        for (String type : List.of("application/json; charset", "application/json; charset=\"", "application/json;;=",
                "text/html", "application/json; charset=iso-8859-1", "/")) {
            assertJsonRefusal(send(HttpRequest.newBuilder(webhook("event")).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))), 415, "content-type");
        }
        assertJsonRefusal(send(HttpRequest.newBuilder(webhook("event")).header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(body))), 415, "content-encoding");
        for (String method : List.of("DELETE", "PUT", "PATCH", "GET")) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(webhook("card")).header("Content-Type", "application/json")
                    .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)));
            assertJsonRefusal(r, 405, "method");
        }
        // The platform's Accept header must not matter.
        HttpResponse<String> html = send(HttpRequest.newBuilder(webhook("event")).header("Content-Type", "application/json")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(200, html.statusCode(), html.body());
        // No WADL for whoever asks.
        HttpResponse<String> wadl = send(HttpRequest.newBuilder(URI.create(base.toExternalForm() + "api/application.wadl")).GET());
        assertEquals(404, wadl.statusCode());
        assertFalse(wadl.body().contains("wadl") || wadl.body().contains("<"), wadl.body());
        HttpResponse<String> options = send(HttpRequest.newBuilder(URI.create(base.toExternalForm() + "api/simulator"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertFalse(options.body().contains("wadl") || options.body().contains("<application"), options.body());
    }

    /** Headers and the first bytes of a body that is never finished. */
    private Socket openSlowRequest(int declaredLength) throws IOException {
        return openSlowRequest(declaredLength, "api/webhook/event");
    }

    private Socket openSlowRequest(int declaredLength, String path) throws IOException {
        Socket s = new Socket(base.getHost(), base.getPort());
        s.setSoTimeout(15_000);
        OutputStream out = s.getOutputStream();
        out.write(("POST " + base.getPath() + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " + declaredLength
                + "\r\n\r\n{\"encrypt\":\"").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    @Test
    void threeHundredStalledBodiesStarveNoValidRequestAndAreAnswered408() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 298; i++) {
                slow.add(openSlowRequest(1000));
            }
            // Spellings of the same URL that JAX-RS would match take the same non-blocking read.
            slow.add(openSlowRequest(1000, "api/webhook/%65vent"));
            slow.add(openSlowRequest(1000, "api/webhook/card;x=1"));
            byte[] valid = Vectors.http("H2").getJsonObject("request").getString("body_utf8").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(webhook("event"))
                        .header("Content-Type", "application/json; charset=utf-8").timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(valid)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
                assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5000);
            }
            // The stalled ones are not held forever: each gets the webhook's 408 after the body deadline.
            for (Socket s : List.of(slow.get(0), slow.get(298), slow.get(299))) {
                String answer = readAnswer(s.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
                assertTrue(answer.contains("\"check\":\"body\""), answer);
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    private static String readAnswer(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        StringBuilder text = new StringBuilder();
        int n;
        while (!text.toString().contains("}") && (n = in.read(buffer)) > 0) {
            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    @Test
    void aBodyThatComesInPiecesIsAnsweredAndItsConnectionNotKept() throws Exception {
        byte[] body = "{\"encrypt\":\"not base64 at all\"}".getBytes(StandardCharsets.US_ASCII);
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(15_000);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + base.getPath() + "api/webhook/event HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 5);
            out.flush();
            // A sender's pause, the point of the test (nothing on the server to wait on from out here): the
            // server takes the non-blocking read, since its fast path sees 5 bytes of the body.
            Thread.sleep(300);
            out.write(body, 5, body.length - 5);
            out.flush();
            String answer = readAnswer(s.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), answer);
        }
    }

    @Test
    void sendersThatVanishMidBodyLeaveAtMostOneLogLine() throws Exception {
        send(HttpRequest.newBuilder(URI.create(base.toExternalForm() + "test/it/server/log/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        long before = refusals().getOrDefault("body", 0L);
        for (int i = 0; i < 100; i++) {
            Socket s = openSlowRequest(5000);
            s.setSoLinger(true, 0); // a reset, as a client that crashes sends
            s.close();
        }
        // Each vanished sender is refused (counted) once, whether the container saw the reset or the deadline.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (refusals().getOrDefault("body", 0L) - before < 100 && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling the server's counter, there is nothing to block on from outside
        }
        assertEquals(100, refusals().getOrDefault("body", 0L) - before);
        JsonObject log = json(send(HttpRequest.newBuilder(URI.create(base.toExternalForm() + "test/it/server/log")).GET()).body());
        assertEquals(0, log.getInt("severe"), log.toString());
        assertTrue(log.getInt("records") <= 2, log.toString());
    }

    private Map<String, Long> refusals() throws Exception {
        JsonObject o = json(send(HttpRequest.newBuilder(URI.create(base.toExternalForm() + "test/it/server/refusals")).GET()).body());
        Map<String, Long> m = new LinkedHashMap<>();
        o.forEach((k, v) -> m.put(k, ((jakarta.json.JsonNumber) v).longValue()));
        return m;
    }

    @Test
    void anObserverThatThrowsStopsNoOtherAndTypedObserversRunFirst() throws Exception {
        String id = "isolation00000000000000000000001";
        String event = "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"" + id + "\",\"token\":\"" + VT
                + "\",\"create_time\":\"1700000000000\",\"event_type\":\"it.isolation_v1\",\"tenant_key\":\"t\","
                + "\"app_id\":\"cli_a1b2c3d4e5f60718\"},\"event\":{}}";
        HttpResponse<String> r = post("event", WebhookRequest.event(event).encryptKey(EK).timestamp(VectorClock.NOW_SECONDS).build());
        assertEquals(500, r.statusCode(), "no observer replied and one failed: the platform should retry");
        assertEquals("typed,catch-all", send(HttpRequest.newBuilder(URI.create(base.toExternalForm() + "test/it/isolation/" + id))
                .GET()).body());
    }
}
