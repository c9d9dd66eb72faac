package dev.larkee.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.crypto.PayloadCipher;
import dev.larkee.crypto.RequestSignature;
import dev.larkee.spec.Vectors;
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

public class WebhookVerifierTest {

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
    void signedCiphertextOfBytesThatAreNotTextIsADecryptRefusalAndOfTextThatIsNotJsonAJsonOne() throws Exception {
        WebhookRejection notText = refusedWhenSignedCorrectly(
                encryptedBody(new byte[] {'{', '"', (byte) 0xc3, '"', '}'}, true), "2");
        assertEquals(400, notText.status());
        assertEquals("decrypt", notText.check());
        assertEquals("decrypted payload is not UTF-8", notText.getMessage());
        WebhookRejection notJson = refusedWhenSignedCorrectly(
                encryptedBody("hello world".getBytes(StandardCharsets.UTF_8), true), "3");
        assertEquals(400, notJson.status());
        assertEquals("json", notJson.check());
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

    // ---- no oracle on the unsigned path (issue 7 item 5) -------------------------------------

    /** AES-256-CBC of arbitrary bytes under the spec's key, as {@code {"encrypt":…}}: what an attacker can build. */
    private static byte[] encryptedBody(byte[] plaintext, boolean validPadding) throws Exception {
        byte[] key = java.security.MessageDigest.getInstance("SHA-256").digest(EK.getBytes(StandardCharsets.UTF_8));
        javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance(validPadding ? "AES/CBC/PKCS5Padding" : "AES/CBC/NoPadding");
        byte[] iv = new byte[16];
        aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                new javax.crypto.spec.IvParameterSpec(iv));
        byte[] sealed = aes.doFinal(plaintext);
        byte[] all = new byte[16 + sealed.length];
        System.arraycopy(sealed, 0, all, 16, sealed.length);
        return ("{\"encrypt\":\"" + java.util.Base64.getEncoder().encodeToString(all) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** One body per way the unsigned path can fail: each must be refused exactly like every other. */
    public static java.util.Map<String, byte[]> unsignedFailures() throws Exception {
        java.util.Map<String, byte[]> bodies = new java.util.LinkedHashMap<>();
        byte[] lastBlockZero = new byte[32];
        bodies.put("bad padding", encryptedBody(lastBlockZero, false));
        bodies.put("not base64", "{\"encrypt\":\"%%%\"}".getBytes(StandardCharsets.UTF_8));
        bodies.put("wrong length", "{\"encrypt\":\"AAECAwQFBgcICQoLDA0ODw==\"}".getBytes(StandardCharsets.UTF_8));
        bodies.put("not UTF-8", encryptedBody(new byte[] {'{', '"', (byte) 0xc3, '"', '}'}, true));
        bodies.put("not JSON", encryptedBody("hello world".getBytes(StandardCharsets.UTF_8), true));
        bodies.put("duplicate key", encryptedBody(("{\"type\":\"url_verification\",\"type\":\"x\",\"token\":\"" + VT
                + "\",\"challenge\":\"c\"}").getBytes(StandardCharsets.UTF_8), true));
        bodies.put("an event, not a verification", encryptedBody(Vectors.http("H6").getJsonObject("request")
                .getString("body_utf8").getBytes(StandardCharsets.UTF_8), true));
        bodies.put("wrong token", encryptedBody("{\"challenge\":\"c\",\"token\":\"guess\",\"type\":\"url_verification\"}"
                .getBytes(StandardCharsets.UTF_8), true));
        bodies.put("no challenge", encryptedBody(("{\"token\":\"" + VT + "\",\"type\":\"url_verification\"}")
                .getBytes(StandardCharsets.UTF_8), true));
        bodies.put("plaintext event", Vectors.http("H6").getJsonObject("request").getString("body_utf8")
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("plaintext garbage", "not json at all".getBytes(StandardCharsets.UTF_8));
        bodies.put("empty", new byte[0]);
        return bodies;
    }

    @Test
    void everyUnsignedFailureGetsTheSameAnswerSoNoneIsAnOracle() throws Exception {
        WebhookVerifier verifier = new WebhookVerifier(Optional.of(EK), VT, 300, 8 * 3600, VECTOR_CLOCK);
        java.util.Set<String> answers = new java.util.HashSet<>();
        for (Inbound.Endpoint endpoint : Inbound.Endpoint.values()) {
            for (var e : unsignedFailures().entrySet()) {
                WebhookRejection r = assertThrows(WebhookRejection.class,
                        () -> verifier.verify(endpoint, new SignedRequest(e.getValue(), null, null, null)), e.getKey());
                answers.add(r.status() + " " + r.check() + " " + r.getMessage());
            }
            // A wrong signature over any of them is refused the same way too.
            byte[] raw = unsignedFailures().get("bad padding");
            WebhookRejection wrong = assertThrows(WebhookRejection.class, () -> verifier.verify(endpoint,
                    new SignedRequest(raw, "1700000005", "1", "0".repeat(endpoint == Inbound.Endpoint.EVENTS ? 64 : 40))));
            answers.add(wrong.status() + " " + wrong.check() + " " + wrong.getMessage());
        }
        assertEquals(java.util.Set.of("401 signature " + WebhookRejection.NOT_SIGNED_MESSAGE), answers);
    }

    @Test
    void anUnsignedEncryptedUrlVerificationWithTheRightTokenIsStillAnswered() throws Exception {
        WebhookVerifier verifier = new WebhookVerifier(Optional.of(EK), VT, 300, 8 * 3600, VECTOR_CLOCK);
        byte[] body = requestOf(Vectors.http("H2")).body();
        for (Inbound.Endpoint endpoint : Inbound.Endpoint.values()) {
            assertEquals(Inbound.Kind.URL_VERIFICATION, verifier.verify(endpoint, new SignedRequest(body, null, null, null)).kind());
        }
    }

    // ---- the legacy card URL takes legacy cards only (issue 7 item 6) --------------------------

    @Test
    void theLegacyCardUrlRefusesEventsAndNewCallbacksSignedWithTheTokenOnly() throws Exception {
        WebhookVerifier verifier = new WebhookVerifier(Optional.of(EK), VT, 300, 8 * 3600, VECTOR_CLOCK);
        RequestSignature legacy = RequestSignature.legacyCards(VT);
        // A card.action.trigger (H8), a v1 out_approval (H12) and a plain v2 event (H6), each signed as a legacy card.
        for (String plain : new String[] {plaintextOf("H8"), plaintextOf("H12"), plaintextOf("H6")}) {
            byte[] raw = plain.getBytes(StandardCharsets.UTF_8);
            WebhookRejection r = assertThrows(WebhookRejection.class, () -> verifier.verify(Inbound.Endpoint.LEGACY_CARDS,
                    new SignedRequest(raw, "1700000005", "9", legacy.sign("1700000005", "9", raw))), plain);
            assertEquals(400, r.status(), plain);
            assertEquals("kind", r.check(), plain);
        }
        // Encrypted content signed with the token only gets the unsigned answer: no oracle for token holders.
        byte[] encrypted = encryptedBody(new byte[32], false);
        WebhookRejection r = assertThrows(WebhookRejection.class, () -> verifier.verify(Inbound.Endpoint.LEGACY_CARDS,
                new SignedRequest(encrypted, "1700000005", "9", legacy.sign("1700000005", "9", encrypted))));
        assertEquals(WebhookRejection.NOT_SIGNED_MESSAGE, r.getMessage());
    }

    /** The plaintext body a vector carries, decrypted if it is encrypted. */
    private static String plaintextOf(String vectorId) throws Exception {
        String body = Vectors.http(vectorId).getJsonObject("request").getString("body_utf8");
        JsonObject json = jakarta.json.Json.createReader(new java.io.StringReader(body)).readObject();
        return json.containsKey("encrypt") ? new PayloadCipher(EK).decrypt(json.getString("encrypt")) : body;
    }

    // ---- timestamps (issue 7 item 10) ----------------------------------------------------------

    @Test
    void timestampsAreWholeUnixSecondsWrittenPlainlyAndNeverOverflow() throws Exception {
        JsonObject h9 = Vectors.http("H9");
        byte[] raw = requestOf(h9).body();
        long now = Vectors.clockSeconds();
        for (String ts : new String[] {String.valueOf(now - Long.MIN_VALUE), String.valueOf(Long.MIN_VALUE + now),
                Long.toString(Long.MIN_VALUE), "+" + now, "0" + now, "00" + now, " " + now, now + " ", "", "1e9",
                "99999999999999999999", "-" + now, "１７００００００００"}) {
            String sig = RequestSignature.legacyCards(VT).sign(ts, "1", raw);
            WebhookRejection r = assertThrows(WebhookRejection.class, () -> verifierFor(h9, VECTOR_CLOCK)
                    .verify(Inbound.Endpoint.LEGACY_CARDS, new SignedRequest(raw, ts, "1", sig)), "'" + ts + "'");
            assertEquals("timestamp", r.check(), ts);
        }
        String sig = RequestSignature.legacyCards(VT).sign(String.valueOf(now), "1", raw);
        assertEquals(Inbound.Kind.LEGACY_CARD, verifierFor(h9, VECTOR_CLOCK)
                .verify(Inbound.Endpoint.LEGACY_CARDS, new SignedRequest(raw, String.valueOf(now), "1", sig)).kind());
    }

    // ---- strict JSON (issue 7 item 13) and bounded fields (item 9) -----------------------------

    @Test
    void dataAfterTheObjectDuplicateKeysAndUnboundedIdsAreRefused() {
        WebhookVerifier verifier = new WebhookVerifier(Optional.empty(), VT, 300, 8 * 3600, VECTOR_CLOCK);
        String event = "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"%s\",\"event_type\":\"%s\",\"token\":\"" + VT
                + "\"},\"event\":{}}";
        String[] bodies = {
                String.format(event, "e1", "im.message.receive_v1") + "{}",
                String.format(event, "e1", "im.message.receive_v1").replace("\"event\":{}", "\"event\":{},\"event\":{}"),
                String.format(event, "x".repeat(1_000_000), "im.message.receive_v1"),
                String.format(event, "e1", "t".repeat(129)),
                String.format(event, "e1", "im.message\\nSEVERE: forged"),
                String.format(event, "e 1", "im.message.receive_v1"),
                String.format(event, "", "im.message.receive_v1"),
                "{\"schema\":\"2.0\",\"header\":{\"event_type\":\"im.message.receive_v1\",\"token\":\"" + VT + "\"}}"};
        for (String body : bodies) {
            WebhookRejection r = assertThrows(WebhookRejection.class, () -> verifier.verify(Inbound.Endpoint.EVENTS,
                    new SignedRequest(body.getBytes(StandardCharsets.UTF_8), null, null, null)), body.substring(0, 80));
            assertEquals(400, r.status(), body.substring(0, 80));
            assertTrue(r.getMessage().length() < 300, r.getMessage());
        }
    }

    /** {@code raw} with a genuine signature (encrypt key set, vector clock): what it is refused for. */
    private static WebhookRejection refusedWhenSignedCorrectly(byte[] raw, String nonce) {
        String sig = RequestSignature.events(EK).sign("1700000005", nonce, raw);
        WebhookVerifier verifier = new WebhookVerifier(Optional.of(EK), VT, 300, 8 * 3600, VECTOR_CLOCK);
        return assertThrows(WebhookRejection.class,
                () -> verifier.verify(Inbound.Endpoint.EVENTS, new SignedRequest(raw, "1700000005", nonce, sig)));
    }
}
