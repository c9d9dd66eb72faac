package dev.larkee.crypto;

import dev.larkee.spec.Vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RequestSignatureTest {

    static Stream<JsonObject> eventVectors() {
        return Vectors.section("event_signature");
    }

    static Stream<JsonObject> legacyVectors() {
        return Vectors.section("legacy_card_signature");
    }

    private static boolean mustReject(JsonObject v) {
        return v.containsKey("expect") && v.getString("expect").startsWith("reject");
    }

    private static byte[] body(JsonObject v) {
        return v.getString("body_utf8").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventVectors")
    void eventSignaturesMatchTheVectors(JsonObject v) {
        check(RequestSignature.events(v.getString("encrypt_key")), v);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legacyVectors")
    void legacyCardSignaturesMatchTheVectors(JsonObject v) {
        check(RequestSignature.legacyCards(v.getString("verification_token")), v);
    }

    /** A positive vector verifies and is reproduced exactly; a must-reject vector does not verify. */
    private static void check(RequestSignature sig, JsonObject v) {
        boolean ok = sig.verify(v.getString("timestamp"), v.getString("nonce"), body(v), v.getString("signature_hex"));
        if (mustReject(v)) {
            assertFalse(ok, v.getString("id"));
        } else {
            assertTrue(ok, v.getString("id"));
            assertEquals(v.getString("signature_hex"), sig.sign(v.getString("timestamp"), v.getString("nonce"), body(v)));
        }
    }

    @Test
    void missingOrMalformedSignaturesNeverMatch() {
        RequestSignature sig = RequestSignature.events("k");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertFalse(sig.verify("1", "2", body, null));
        assertFalse(sig.verify("1", "2", body, ""));
        assertFalse(sig.verify("1", "2", body, "zz" + sig.sign("1", "2", body).substring(2)));
    }

    @Test
    void toStringHidesTheSecret() {
        assertFalse(RequestSignature.events("super-secret").toString().contains("super-secret"));
        assertFalse(new PayloadCipher("super-secret").toString().contains("super-secret"));
    }
}
