package dev.larkee.it;

import dev.larkee.spec.Vectors;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.crypto.RequestSignature;
import dev.larkee.simulator.WebhookRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * The webhook of an app with an Encrypt Key, on a real Payara Micro: the shared vectors that use
 * one, the reply deadline, an observer that throws, and the bad inputs of webhook.md §3.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EncryptedWebhookIT {

    static final String EK = "lark-spec-encrypt-key";
    static final String VT = "vt_spec_0123456789abcdef";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.larkee(Map.of(
                        "larkee.encrypt-key", EK,
                        "larkee.verification-token", VT,
                        "larkee.webhook.max-body-bytes", "4096"))
                .addClasses(VectorClock.class, RecordingObservers.class, ObserverCallsResource.class);
    }

    @ArquillianResource
    URL base;

    @BeforeEach
    void overLoopback() {
        base = Loopback.of(base);
    }

    private VectorClient client() {
        return new VectorClient(base);
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static void assertJsonUtf8(HttpResponse<String> r) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("application/json") && type.toLowerCase().contains("charset=utf-8"), type);
    }

    @Test
    void answersEveryVectorOfAnAppWithAnEncryptKey() throws Exception {
        VectorClient client = client();
        List<JsonObject> vectors = Vectors.http().stream()
                .filter(v -> !v.getJsonObject("receiver_config").getString("encrypt_key").isEmpty()).toList();
        assertEquals(List.of("H2", "H4", "H5", "H8"), vectors.stream().map(v -> v.getString("id").substring(0, 2)).toList());
        Map<String, HttpResponse<String>> answers = new HashMap<>();
        for (JsonObject v : vectors) {
            answers.put(v.getString("id").substring(0, 2), client.send(v));
        }
        assertAll(
                () -> assertEquals(200, answers.get("H2").statusCode()),
                () -> assertEquals(json("{\"challenge\":\"ajls384kdjx98XX\"}"), json(answers.get("H2").body())),
                () -> assertEquals(200, answers.get("H4").statusCode()),
                () -> assertEquals(401, answers.get("H5").statusCode()),
                () -> assertEquals("signature", json(answers.get("H5").body()).getString("check")),
                () -> assertEquals(200, answers.get("H8").statusCode()),
                () -> assertEquals(json("{\"toast\":{\"type\":\"success\",\"content\":\"已同意\"}}"), json(answers.get("H8").body())),
                () -> assertJsonUtf8(answers.get("H8")),
                () -> assertJsonUtf8(answers.get("H5")));
        // H4 and H5 carry the same event: only the genuine one reached the observer.
        assertEquals(1, client.observerCalls("5e3702a84e847582be8db7fb73283c02"));
        // The platform delivers at least once: a re-delivered event is acknowledged, not handled twice.
        HttpResponse<String> again = client.send(Vectors.http("H4"));
        assertEquals(200, again.statusCode());
        assertEquals(json("{\"msg\":\"success\"}"), json(again.body()));
        assertEquals(1, client.observerCalls("5e3702a84e847582be8db7fb73283c02"));
    }

    static String cardAction(String eventId, String valueJson) {
        return "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"" + eventId + "\",\"token\":\"" + VT
                + "\",\"create_time\":\"1700000000000\",\"event_type\":\"card.action.trigger\",\"tenant_key\":\"t\","
                + "\"app_id\":\"cli_a1b2c3d4e5f60718\"},\"event\":{\"operator\":{\"open_id\":\"ou_1\"},\"token\":\"c-1\","
                + "\"action\":{\"value\":" + valueJson + ",\"tag\":\"button\"},\"host\":\"im_message\"}}";
    }

    private HttpResponse<String> post(WebhookRequest r) throws Exception {
        return client().post(client().webhook("event"), r.body(), r.headers());
    }

    private static WebhookRequest.Builder signed(String plaintext) {
        return WebhookRequest.event(plaintext).encryptKey(EK).timestamp(VectorClock.NOW_SECONDS);
    }

    @Test
    void aSlowObserverGetsTheFallbackBeforeThePlatformDeadlineAndDelaysNothingElse() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return post(signed(cardAction("slow-1", "{\"slow\":true}")).build());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // While the slow observer sleeps, another callback is answered at once.
        HttpResponse<String> fast = post(signed(cardAction("fast-1", "{\"action\":\"approve\"}")).build());
        long fastMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        HttpResponse<String> fallback = slow.get(10, TimeUnit.SECONDS);
        long slowMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(200, fast.statusCode());
        assertEquals("success", json(fast.body()).getJsonObject("toast").getString("type"));
        assertTrue(fastMs < 2000, "fast callback took " + fastMs + " ms next to a slow one");
        assertEquals(200, fallback.statusCode());
        assertEquals(json("{}"), json(fallback.body()));
        assertTrue(slowMs < 3000, "fallback came after " + slowMs + " ms, past the platform's 3 s");
    }

    @Test
    void anObserverThatThrowsGetsAClearErrorAndOthersAreUnaffected() throws Exception {
        HttpResponse<String> failed = post(signed(cardAction("fail-1", "{\"fail\":true}")).build());
        assertEquals(500, failed.statusCode());
        assertEquals(json("{\"msg\":\"observer failed\",\"event_id\":\"fail-1\"}"), json(failed.body()));
        HttpResponse<String> next = post(signed(cardAction("after-fail", "{\"action\":\"approve\"}")).build());
        assertEquals(200, next.statusCode());
    }

    @Test
    void refusesBadInputWithTheRightStatusAndNoSecret() throws Exception {
        VectorClient client = client();
        String card = cardAction("bad-1", "{\"a\":1}");
        Map<String, Executable> checks = new java.util.LinkedHashMap<>();
        checks.put("stale timestamp", () -> expect(post(signed(card).timestamp(VectorClock.NOW_SECONDS - 301).build()),
                401, "timestamp"));
        checks.put("future timestamp", () -> expect(post(signed(card).timestamp(VectorClock.NOW_SECONDS + 301).build()),
                401, "timestamp"));
        checks.put("unsigned", () -> {
            WebhookRequest r = signed(card).build();
            Map<String, String> h = new HashMap<>(r.headers());
            h.remove("X-Lark-Signature");
            expect(client.post(client.webhook("event"), r.body(), h), 401, "signature");
        });
        checks.put("wrong key", () -> expect(post(WebhookRequest.event(card).encryptKey("another-key")
                .timestamp(VectorClock.NOW_SECONDS).build()), 401, "signature"));
        checks.put("plaintext downgrade", () -> {
            WebhookRequest r = signed(card).plaintext().build();
            expect(post(r), 400, "plaintext");
        });
        checks.put("not json", () -> expect(post(WebhookRequest.event("x").encryptKey(EK).plaintext()
                .timestamp(VectorClock.NOW_SECONDS).build()), 400, "json"));
        checks.put("json array", () -> expect(post(WebhookRequest.event("[1]").encryptKey(EK).plaintext()
                .timestamp(VectorClock.NOW_SECONDS).build()), 400, "json"));
        checks.put("deeply nested", () -> {
            byte[] deep = ("{\"a\":" + "[".repeat(4000) + "]".repeat(4000) + "}").getBytes(StandardCharsets.UTF_8);
            expect(client.post(client.webhook("event"), deep, Map.of("Content-Type", "application/json")), 413, "size");
        });
        checks.put("nested past the parser's depth", () -> {
            String deep = "{\"a\":" + "[".repeat(1500) + "]".repeat(1500) + "}";
            expect(post(WebhookRequest.event(deep).encryptKey(EK).plaintext().timestamp(VectorClock.NOW_SECONDS).build()),
                    400, "json");
        });
        checks.put("invalid UTF-8", () -> {
            byte[] bad = {'{', '"', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}'};
            String ts = Long.toString(VectorClock.NOW_SECONDS);
            expect(client.post(client.webhook("event"), bad, Map.of("Content-Type", "application/json",
                    "X-Lark-Request-Timestamp", ts, "X-Lark-Request-Nonce", "77",
                    "X-Lark-Signature", RequestSignature.events(EK).sign(ts, "77", bad))), 400, "json");
        });
        checks.put("unsigned garbage", () -> expect(client.post(client.webhook("event"),
                new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}'}, Map.of("Content-Type", "application/json")),
                401, "signature"));
        checks.put("unknown kind", () -> expect(post(signed("{\"hello\":\"world\"}").build()), 400, "kind"));
        checks.put("wrong token", () -> expect(post(signed(card.replace(VT, "nope")).build()), 401, "token"));
        checks.put("too large", () -> {
            byte[] big = ("{\"pad\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);
            expect(client.post(client.webhook("event"), big, Map.of("Content-Type", "application/json")), 413, "size");
        });
        checks.put("wrong content type", () -> {
            WebhookRequest r = signed(card).build();
            Map<String, String> h = new HashMap<>(r.headers());
            h.put("Content-Type", "text/plain");
            expect(client.post(client.webhook("event"), r.body(), h), 415, "content-type");
        });
        checks.put("unknown path", () -> expect(client.post(client.webhook("nope"), "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json")), 404, "path"));
        checks.put("GET", () -> {
            HttpResponse<String> r = client.get("api/webhook/event");
            assertEquals(405, r.statusCode());
            assertJsonUtf8(r);
        });
        assertAll(checks.entrySet().stream().map(e -> (Executable) () -> {
            try {
                e.getValue().execute();
            } catch (AssertionError a) {
                throw new AssertionError(e.getKey() + ": " + a.getMessage(), a);
            }
        }));
        // None of those reached an observer, and the server still serves.
        assertEquals(0, client.observerCalls("bad-1"));
        assertEquals(200, post(signed(cardAction("after-bad", "{\"a\":1}")).build()).statusCode());
    }

    @Test
    void unobservedTypesAreAcknowledgedAndCountedInReadinessData() throws Exception {
        String unknown = "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"u-1\",\"event_type\":\"spec.nobody.listens_v1\","
                + "\"token\":\"" + VT + "\"},\"event\":{}}";
        HttpResponse<String> r = post(signed(unknown).build());
        assertEquals(200, r.statusCode());
        assertEquals(json("{\"msg\":\"ignored\"}"), json(r.body()));
        HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                ReadinessProbe.readyUri(base.getPort())).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        JsonObject dispatch = json(health.body()).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("larkee-dispatch")).findFirst().orElseThrow();
        assertEquals("spec.nobody.listens_v1", dispatch.getJsonObject("data").getString("unobserved_types"));
        // Payara renders every health datum as a string.
        assertTrue(Long.parseLong(dispatch.getJsonObject("data").get("unobserved").toString().replace("\"", "")) >= 1);
        assertFalse(health.body().contains(EK) || health.body().contains(VT));
    }

    private static void expect(HttpResponse<String> r, int status, String check) {
        assertEquals(status, r.statusCode(), r.body());
        assertJsonUtf8(r);
        JsonObject body = json(r.body());
        assertEquals(check, body.getString("check"), r.body());
        assertFalse(r.body().contains(EK) || r.body().contains(VT), "a secret leaked: " + r.body());
    }
}
