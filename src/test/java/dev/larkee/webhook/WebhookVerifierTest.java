package dev.larkee.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.crypto.PayloadCipher;
import dev.larkee.crypto.RequestSignature;
import dev.larkee.it.Vectors;
import dev.larkee.dispatch.Inbound;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookVerifierTest {

    private static final String EK = "lark-spec-encrypt-key";
    private static final String VT = "vt_spec_0123456789abcdef";
    private static final Clock VECTOR_CLOCK = Clock.fixed(Instant.ofEpochSecond(Vectors.clockSeconds()), ZoneOffset.UTC);

    static Stream<JsonObject> httpVectors() {
        return Vectors.http().stream();
    }

    static WebhookVerifier verifierFor(JsonObject vector, Clock clock) {
        JsonObject cfg = vector.getJsonObject("receiver_config");
        String ek = cfg.getString("encrypt_key");
        return new WebhookVerifier(ek.isEmpty() ? Optional.empty() : Optional.of(ek),
                cfg.getString("verification_token"), 300, 8 * 3600, clock);
    }

    static SignedRequest requestOf(JsonObject vector) {
        JsonObject req = vector.getJsonObject("request");
        JsonObject h = req.getJsonObject("headers");
        return new SignedRequest(req.getString("body_utf8").getBytes(StandardCharsets.UTF_8),
                h.getString("X-Lark-Request-Timestamp", null), h.getString("X-Lark-Request-Nonce", null),
                h.getString("X-Lark-Signature", null));
    }

    static Inbound.Endpoint endpointOf(JsonObject vector) {
        return vector.getString("endpoint").equals("card") ? Inbound.Endpoint.LEGACY_CARDS : Inbound.Endpoint.EVENTS;
    }

    /** The status the vector expects from the receiver; "4xx (…)" means any 4xx, checked as 401/400 below. */
    static String expectedStatus(JsonObject vector) {
        JsonValue s = vector.getJsonObject("expected_conforming_receiver").get("status");
        return s.getValueType() == JsonValue.ValueType.NUMBER ? s.toString() : ((jakarta.json.JsonString) s).getString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpVectors")
    void everyHttpVectorPassesOrFailsTheChecksAsSpecified(JsonObject vector) throws WebhookRejection {
        WebhookVerifier verifier = verifierFor(vector, VECTOR_CLOCK);
        String expected = expectedStatus(vector);
        String id = vector.getString("id");
        if (expected.startsWith("4xx") || expected.startsWith("500 (misconfiguration")) {
            WebhookRejection r = assertThrows(WebhookRejection.class,
                    () -> verifier.verify(endpointOf(vector), requestOf(vector)), id);
            if (expected.startsWith("4xx")) {
                assertEquals(401, r.status(), id + " " + r.check());
            } else {
                assertEquals(500, r.status(), id);
            }
            assertFalse(r.getMessage().contains(VT) || r.getMessage().contains(EK), "no secret in " + r.getMessage());
        } else {
            // 200, or a 500 that the observer causes later (H7): the request itself is genuine.
            Inbound inbound = verifier.verify(endpointOf(vector), requestOf(vector));
            assertFalse(inbound.kind() == Inbound.Kind.UNKNOWN, id);
        }
    }

    @Test
    void staleSignedRequestsAreRefused() {
        JsonObject h8 = Vectors.http("H8");
        Clock later = Clock.fixed(Instant.ofEpochSecond(1700000002L + 301), ZoneOffset.UTC);
        WebhookRejection r = assertThrows(WebhookRejection.class,
                () -> verifierFor(h8, later).verify(Inbound.Endpoint.EVENTS, requestOf(h8)));
        assertEquals(401, r.status());
        assertEquals("timestamp", r.check());
    }

    @Test
    void aZeroWindowTurnsTheFreshnessCheckOff() throws WebhookRejection {
        JsonObject h8 = Vectors.http("H8");
        Clock yearsLater = Clock.fixed(Instant.ofEpochSecond(1700000002L + 3 * 365 * 24 * 3600), ZoneOffset.UTC);
        WebhookVerifier noWindow = new WebhookVerifier(Optional.of(EK), VT, 0, 0, yearsLater);
        assertEquals(Inbound.Kind.EVENT_V2, noWindow.verify(Inbound.Endpoint.EVENTS, requestOf(h8)).kind());
    }

    @Test
    void eventsHaveTheirOwnLongerWindowBecauseThePlatformRetriesForHours() throws WebhookRejection {
        JsonObject h4 = Vectors.http("H4");
        Clock anHourLater = Clock.fixed(Instant.ofEpochSecond(1700000001L + 3600), ZoneOffset.UTC);
        assertEquals(Inbound.Kind.EVENT_V2, verifierFor(h4, anHourLater).verify(Inbound.Endpoint.EVENTS, requestOf(h4)).kind());
    }

    @Test
    void unsignedEventIsRefusedWhenAnEncryptKeyIsSet() {
        JsonObject h4 = Vectors.http("H4");
        SignedRequest unsigned = new SignedRequest(requestOf(h4).body(), null, null, null);
        WebhookRejection r = assertThrows(WebhookRejection.class,
                () -> verifierFor(h4, VECTOR_CLOCK).verify(Inbound.Endpoint.EVENTS, unsigned));
        assertEquals(401, r.status());
    }

    @Test
    void plaintextDowngradeIsRefusedWhenAnEncryptKeyIsSet() {
        String body = Vectors.http("H6").getJsonObject("request").getString("body_utf8");
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        WebhookRejection r = refusedWhenSignedCorrectly(raw, "1");
        assertEquals(400, r.status());
        assertEquals("plaintext", r.check());
    }

    @Test
    void signedGarbageCiphertextIsA400() {
        byte[] raw = "{\"encrypt\":\"AAECAwQFBgcICQoLDA0ODw==\"}".getBytes(StandardCharsets.UTF_8);
        WebhookRejection r = refusedWhenSignedCorrectly(raw, "1");
        assertEquals(400, r.status());
        assertEquals("decrypt", r.check());
    }

    @Test
    void wrongTokenInsideAGenuineEncryptedEventIsA401() {
        String plain = Vectors.http("H6").getJsonObject("request").getString("body_utf8").replace(VT, "not-the-token");
        byte[] raw = ("{\"encrypt\":\"" + new PayloadCipher(EK).encrypt(plain) + "\"}").getBytes(StandardCharsets.UTF_8);
        WebhookRejection r = refusedWhenSignedCorrectly(raw, "7");
        assertEquals("token", r.check());
    }

    @Test
    void malformedBodiesAre400() {
        WebhookVerifier verifier = new WebhookVerifier(Optional.empty(), VT, 300, 8 * 3600, VECTOR_CLOCK);
        for (String body : new String[] {"", "[]", "not json", "{\"a\":", "\"text\"", "{\"schema\":\"2.0\"}"}) {
            WebhookRejection r = assertThrows(WebhookRejection.class, () -> verifier.verify(Inbound.Endpoint.EVENTS,
                    new SignedRequest(body.getBytes(StandardCharsets.UTF_8), null, null, null)), body);
            assertEquals(400, r.status(), body);
        }
    }

    @Test
    void nonNumericTimestampOnASignedRequestIs401() {
        JsonObject h9 = Vectors.http("H9");
        byte[] raw = requestOf(h9).body();
        String sig = RequestSignature.legacyCards(VT).sign("soon", "1", raw);
        WebhookRejection r = assertThrows(WebhookRejection.class, () -> verifierFor(h9, VECTOR_CLOCK)
                .verify(Inbound.Endpoint.LEGACY_CARDS, new SignedRequest(raw, "soon", "1", sig)));
        assertEquals(401, r.status());
        assertTrue(r.getMessage().contains("Unix seconds"));
    }

    /** {@code raw} with a genuine signature (encrypt key set, vector clock): what it is refused for. */
    private static WebhookRejection refusedWhenSignedCorrectly(byte[] raw, String nonce) {
        String sig = RequestSignature.events(EK).sign("1700000005", nonce, raw);
        WebhookVerifier verifier = new WebhookVerifier(Optional.of(EK), VT, 300, 8 * 3600, VECTOR_CLOCK);
        return assertThrows(WebhookRejection.class,
                () -> verifier.verify(Inbound.Endpoint.EVENTS, new SignedRequest(raw, "1700000005", nonce, sig)));
    }
}
