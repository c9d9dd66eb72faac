package dev.larkee.it;

import dev.larkee.spec.Vectors;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The webhook of an app without an Encrypt Key, on a real Payara Micro: every shared vector that
 * uses that configuration, sent byte for byte, answered as {@code expected_conforming_receiver} says.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PlainWebhookIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.larkee(Map.of(
                        "larkee.verification-token", "vt_spec_0123456789abcdef",
                        "it.throw-on-event", "5e3702a84e847582be8db7fb73283c02"))
                .addClasses(VectorClock.class, RecordingObservers.class, ObserverCallsResource.class, ServerLogResource.class);
    }

    @ArquillianResource
    URL base;

    @BeforeEach
    void overLoopback() {
        base = Loopback.of(base);
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    @Test
    void answersEveryVectorOfAnAppWithoutAnEncryptKey() throws Exception {
        VectorClient client = new VectorClient(base);
        List<Executable> checks = new ArrayList<>();
        int count = 0;
        for (JsonObject v : Vectors.http()) {
            if (!v.getJsonObject("receiver_config").getString("encrypt_key").isEmpty()) {
                continue;
            }
            count++;
            String id = v.getString("id");
            HttpResponse<String> r = client.send(v);
            JsonObject expected = v.getJsonObject("expected_conforming_receiver");
            int status = r.statusCode();
            checks.add(() -> assertEquals("application/json; charset=utf-8",
                    r.headers().firstValue("Content-Type").orElse("").toLowerCase().replace(";charset", "; charset"), id));
            switch (expected.get("status").getValueType()) {
                case NUMBER -> checks.add(() -> assertEquals(expected.getInt("status"), status, id + " " + r.body()));
                default -> {
                    String s = expected.getString("status");
                    int want = s.startsWith("4xx") ? 401 : Integer.parseInt(s.substring(0, 3));
                    checks.add(() -> assertEquals(want, status, id + " " + r.body()));
                }
            }
            if (expected.containsKey("json")) {
                checks.add(() -> assertEquals(expected.getJsonObject("json"), json(r.body()), id));
            }
            if (expected.containsKey("must_not_contain")) {
                checks.add(() -> assertFalse(r.body().contains(expected.getString("must_not_contain")), id));
            }
            String officialBody = v.getJsonObject("expected_official_java_sdk").getString("body", null);
            if (id.startsWith("H14") || id.startsWith("H16")) {
                // The observer's reply, exactly as the official SDK would serialise it.
                checks.add(() -> assertEquals(json(officialBody), json(r.body()), id));
            }
        }
        assertEquals(13, count);
        assertAll(checks);
        assertAll(
                () -> assertEquals(1, client.observerCalls("bc447199585340d1f3728d26b1c0297a"), "H12 out_approval"),
                () -> assertEquals(1, client.observerCalls("legacy:button"), "H9 only; H10 was refused"),
                () -> assertEquals(1, client.observerCalls("0123456789abcdef0123456789abcdef"), "H15"));
    }

    @Test
    void stringActionValueIsExposedThroughTypedAccessors() throws Exception {
        HttpResponse<String> r = new VectorClient(base).send(Vectors.http("H13"));
        assertEquals(200, r.statusCode());
        assertEquals("string value: {\"action\":\"approve\"}", json(r.body()).getJsonObject("toast").getString("content"));
    }

    /** Hostile input against an app without an Encrypt Key: framing, encoding, signature, replay, size, logging. */
    @Test
    void hostileInputWithoutAnEncryptKeyGetsJsonRefusalsAndOneLogLinePerCheck() throws Exception {
        VectorClient client = new VectorClient(base);
        client.post(java.net.URI.create(base.toExternalForm() + "test/it/server/log/reset"), new byte[0], Map.of());
        String vt = "vt_spec_0123456789abcdef";
        String event = "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"plainhostile%d\",\"event_type\":\"%s\",\"token\":\""
                + vt + "\"},\"event\":{}}";
        Map<String, String> json = Map.of("Content-Type", "application/json; charset=utf-8");
        java.util.Map<String, byte[]> refusedAs400 = new java.util.LinkedHashMap<>();
        refusedAs400.put("trailing data", (String.format(event, 1, "im.message.receive_v1") + "{}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        refusedAs400.put("duplicate key", String.format(event, 2, "im.message.receive_v1").replace("\"event\":{}",
                "\"event\":{},\"event\":{}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        refusedAs400.put("invalid UTF-8", new byte[] {'{', '"', (byte) 0xc3, '"', ':', '1', '}'});
        refusedAs400.put("newline in the type", String.format(event, 3, "im.message\\nSEVERE: forged").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        refusedAs400.put("1 MB event id", String.format(event, 4, "t").replace("plainhostile4", "x".repeat(1 << 19))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        refusedAs400.put("no event id", ("{\"schema\":\"2.0\",\"header\":{\"event_type\":\"im.message.receive_v1\",\"token\":\""
                + vt + "\"},\"event\":{}}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int round = 0; round < 20; round++) {
            for (var e : refusedAs400.entrySet()) {
                HttpResponse<String> r = client.post(client.webhook("event"), e.getValue(), json);
                assertEquals(400, r.statusCode(), e.getKey() + ": " + r.body());
                assertTrue(r.body().length() < 300, e.getKey());
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), e.getKey());
            }
        }
        // The legacy card URL: unsigned, or signed with a stale or malformed timestamp.
        byte[] legacy = Vectors.http("H9").getJsonObject("request").getString("body_utf8").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(401, client.post(client.webhook("card"), legacy, json).statusCode());
        for (String ts : new String[] {"+1700000005", "01700000005", String.valueOf(1700000005L + Long.MIN_VALUE), "1600000000"}) {
            Map<String, String> signed = Map.of("Content-Type", "application/json", "X-Lark-Request-Timestamp", ts,
                    "X-Lark-Request-Nonce", "5", "X-Lark-Signature", dev.larkee.crypto.RequestSignature.legacyCards(vt).sign(ts, "5", legacy));
            HttpResponse<String> r = client.post(client.webhook("card"), legacy, signed);
            assertEquals(401, r.statusCode(), ts);
            assertEquals("timestamp", json(r.body()).getString("check"), ts);
        }
        assertEquals(413, client.post(client.webhook("event"), new byte[(1 << 20) + 1], json).statusCode());
        assertEquals(0, client.observerCalls("plainhostile1") + client.observerCalls("plainhostile2"));
        JsonObject log = json(client.get("test/it/server/log").body());
        assertEquals(0, log.getInt("severe"), log.toString());
        assertTrue(log.getInt("records") <= 6, "at most one line per check: " + log);
        assertFalse(log.toString().contains("SEVERE: forged"), log.toString());
    }
}
