package dev.larkee.webhook;

import dev.larkee.crypto.CryptoException;
import dev.larkee.crypto.PayloadCipher;
import dev.larkee.crypto.RequestSignature;
import dev.larkee.dispatch.Inbound;
import dev.larkee.dispatch.StrictJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;

/**
 * The webhook pipeline of webhook.md §3: authenticate the raw bytes, then parse, decrypt strictly,
 * classify, check the Verification Token and freshness. Immutable and thread-safe; the clock is
 * injectable for tests.
 *
 * <p>Where a signature is required (events with an Encrypt Key; the legacy card URL always) it is
 * checked over the raw bytes before anything is parsed or decrypted. The one exception is a
 * request without the signature headers, which only a URL verification may be (§5.1: receivers
 * must not need them there): such a body is parsed, and decrypted, only to look for a URL
 * verification with the right token, and every failure on that path (padding, UTF-8, JSON, not a
 * URL verification, wrong token), like a wrong signature, gets one identical answer. Otherwise the
 * answers would be a padding oracle on captured ciphertexts. Only bodies authenticated by the
 * Encrypt Key's signature get answers that say what is wrong with them.
 */
public final class WebhookVerifier {

    /** The longest Unix-seconds timestamp taken: 12 digits cannot overflow any arithmetic below. */
    private static final int MAX_TIMESTAMP_DIGITS = 12;

    private final Optional<PayloadCipher> cipher;
    private final Optional<RequestSignature> eventSignature;
    private final RequestSignature legacySignature;
    private final byte[] verificationToken;
    private final long replayWindowSeconds;
    private final long eventReplayWindowSeconds;
    private final Clock clock;

    /**
     * @param encryptKey               the Encrypt Key, if the app has one
     * @param verificationToken        the Verification Token (required, not empty)
     * @param replayWindowSeconds      how far a signed callback's timestamp may be from now; 0: no check
     * @param eventReplayWindowSeconds the same for events, which the platform retries for hours
     * @param clock                    the clock freshness is measured against
     */
    public WebhookVerifier(Optional<String> encryptKey, String verificationToken, long replayWindowSeconds,
            long eventReplayWindowSeconds, Clock clock) {
        this.cipher = encryptKey.map(PayloadCipher::new);
        this.eventSignature = encryptKey.map(RequestSignature::events);
        this.legacySignature = RequestSignature.legacyCards(verificationToken);
        this.verificationToken = verificationToken.getBytes(StandardCharsets.UTF_8);
        this.replayWindowSeconds = replayWindowSeconds;
        this.eventReplayWindowSeconds = eventReplayWindowSeconds;
        this.clock = clock;
    }

    /** Runs every check; returns the classified plaintext body, or throws naming the failed check. */
    public Inbound verify(Inbound.Endpoint endpoint, SignedRequest request) throws WebhookRejection {
        return endpoint == Inbound.Endpoint.LEGACY_CARDS ? legacyCard(request) : event(request);
    }

    /** The event URL: events and new-style callbacks, signed with the Encrypt Key when there is one. */
    private Inbound event(SignedRequest request) throws WebhookRejection {
        if (eventSignature.isPresent()) {
            if (!request.carriesSignature()) {
                return urlVerificationOnly(request.body());
            }
            if (!eventSignature.get().verify(request.timestamp(), request.nonce(), request.body(), request.signature())) {
                throw WebhookRejection.notSigned("X-Lark-Signature does not match the request");
            }
        }
        // From here on the body is authenticated (or no Encrypt Key exists to authenticate it with).
        JsonObject outer = parse(request.body(), "body");
        JsonObject plain = decryptEvent(outer);
        Inbound inbound = Inbound.classify(plain, Inbound.Endpoint.EVENTS);
        if (inbound.kind() == Inbound.Kind.UNKNOWN) {
            throw new WebhookRejection(400, "kind", "body is not accepted: " + inbound.problem());
        }
        requireToken(inbound);
        if (inbound.kind() == Inbound.Kind.URL_VERIFICATION) {
            return requireChallenge(inbound);
        }
        if (eventSignature.isPresent()) {
            // Without a signature the timestamp is not authenticated, so checking it would prove nothing.
            checkFreshness(request.timestamp(), inbound.isCallback() ? replayWindowSeconds : eventReplayWindowSeconds);
        }
        return inbound;
    }

    /**
     * The legacy message-card URL: legacy card actions (and its URL verification) only, always signed
     * with SHA-1 over the Verification Token. Everything else has its own URL and its own signature;
     * taking it here would let the token alone forge what the Encrypt Key protects.
     */
    private Inbound legacyCard(SignedRequest request) throws WebhookRejection {
        if (!request.carriesSignature()) {
            return urlVerificationOnly(request.body());
        }
        if (!legacySignature.verify(request.timestamp(), request.nonce(), request.body(), request.signature())) {
            throw WebhookRejection.notSigned("X-Lark-Signature does not match the request (legacy card scheme)");
        }
        JsonObject body = parse(request.body(), "body");
        if (isEncrypted(body)) {
            body = decryptLegacy(body);
        }
        Inbound inbound = Inbound.classify(body, Inbound.Endpoint.LEGACY_CARDS);
        if (inbound.kind() == Inbound.Kind.URL_VERIFICATION) {
            requireToken(inbound);
            return requireChallenge(inbound);
        }
        if (inbound.kind() != Inbound.Kind.LEGACY_CARD) {
            throw new WebhookRejection(400, "kind", "the legacy card URL takes legacy message-card actions only; "
                    + "events and card.action.trigger callbacks go to the event URL");
        }
        checkFreshness(request.timestamp(), replayWindowSeconds);
        return inbound;
    }

    /**
     * A request without signature headers where a signature is required: it is a URL verification
     * with the right token and a challenge, or it gets the one refusal every unsigned request gets.
     */
    private Inbound urlVerificationOnly(byte[] raw) throws WebhookRejection {
        String failure;
        try {
            JsonObject body = StrictJson.parse(raw);
            if (isEncrypted(body)) {
                if (cipher.isEmpty()) {
                    throw WebhookRejection.notSigned("unsigned encrypted body, and no Encrypt Key is configured");
                }
                body = StrictJson.parse(cipher.get().decryptBytes(((JsonString) body.get("encrypt")).getString()));
            }
            Inbound inbound = Inbound.classify(body, Inbound.Endpoint.EVENTS);
            if (inbound.kind() == Inbound.Kind.URL_VERIFICATION && tokenMatches(inbound.token())
                    && inbound.body().get("challenge") instanceof JsonString) {
                return inbound;
            }
            failure = "not a URL verification with the right token and a challenge";
        } catch (StrictJson.Refusal | CryptoException e) {
            failure = e.getMessage();
        }
        throw WebhookRejection.notSigned("signature headers missing, which only a URL verification may omit ("
                + failure + ")");
    }

    /**
     * An encrypted body on the legacy card URL (the platform encrypts card requests too when the app
     * has an Encrypt Key). It is signed with the Verification Token only, so a failure to decrypt is
     * answered like a wrong signature: whoever holds the token gets no oracle on what the Encrypt Key
     * protects.
     */
    private JsonObject decryptLegacy(JsonObject outer) throws WebhookRejection {
        if (cipher.isEmpty()) {
            throw new WebhookRejection(500, "misconfigured",
                    "body is encrypted but larkee has no Encrypt Key configured (larkee.encrypt-key)");
        }
        try {
            return StrictJson.parse(cipher.get().decryptBytes(((JsonString) outer.get("encrypt")).getString()));
        } catch (CryptoException | StrictJson.Refusal e) {
            throw WebhookRejection.notSigned("legacy card body does not decrypt to JSON (" + e.getMessage() + ")");
        }
    }

    private JsonObject decryptEvent(JsonObject outer) throws WebhookRejection {
        if (isEncrypted(outer)) {
            if (cipher.isEmpty()) {
                throw new WebhookRejection(500, "misconfigured",
                        "body is encrypted but larkee has no Encrypt Key configured (larkee.encrypt-key)");
            }
            byte[] plaintext;
            try {
                plaintext = cipher.get().decryptBytes(((JsonString) outer.get("encrypt")).getString());
            } catch (CryptoException e) {
                throw new WebhookRejection(400, "decrypt", e.getMessage());
            }
            try {
                return StrictJson.parse(plaintext);
            } catch (StrictJson.Refusal r) {
                // Bytes that are not text at all point at the decryption, as before; text that is not
                // one JSON object is the JSON check's.
                throw r.notUtf8() ? new WebhookRejection(400, "decrypt", "decrypted payload is not UTF-8")
                        : new WebhookRejection(400, "json", "decrypted body is " + r.getMessage());
            }
        }
        if (outer.containsKey("encrypt")) {
            throw new WebhookRejection(400, "decrypt", "encrypt is not a non-empty string");
        }
        if (cipher.isPresent()) {
            // An Encrypt Key means the platform encrypts everything: a plaintext body is a downgrade.
            throw new WebhookRejection(400, "plaintext", "body must be encrypted: an Encrypt Key is configured");
        }
        return outer;
    }

    private static boolean isEncrypted(JsonObject body) {
        JsonValue encrypt = body.get("encrypt");
        return encrypt instanceof JsonString s && !s.getString().isEmpty();
    }

    private void requireToken(Inbound inbound) throws WebhookRejection {
        if (!tokenMatches(inbound.token())) {
            throw new WebhookRejection(401, "token", "verification token does not match");
        }
    }

    private static Inbound requireChallenge(Inbound inbound) throws WebhookRejection {
        if (!(inbound.body().get("challenge") instanceof JsonString)) {
            throw new WebhookRejection(400, "challenge", "url_verification has no challenge string");
        }
        return inbound;
    }

    private boolean tokenMatches(String token) {
        if (token == null) {
            return false;
        }
        return MessageDigest.isEqual(verificationToken, token.getBytes(StandardCharsets.UTF_8));
    }

    private void checkFreshness(String timestamp, long windowSeconds) throws WebhookRejection {
        if (windowSeconds == 0) {
            return; // turned off by configuration (and said so at startup)
        }
        long sent = unixSeconds(timestamp);
        long now = clock.millis() / 1000;
        // Both are at most 12 digits, so the difference cannot overflow (Math.abs(Long.MIN_VALUE) < 0).
        if (Math.abs(now - sent) > windowSeconds) {
            throw new WebhookRejection(401, "timestamp", "X-Lark-Request-Timestamp is outside the replay window of "
                    + windowSeconds + " s");
        }
    }

    /** Whole Unix seconds as the platform writes them: decimal digits only, no sign, no leading zero. */
    static long unixSeconds(String timestamp) throws WebhookRejection {
        boolean wellFormed = timestamp != null && !timestamp.isEmpty() && timestamp.length() <= MAX_TIMESTAMP_DIGITS
                && (timestamp.charAt(0) != '0' || timestamp.length() == 1)
                && timestamp.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!wellFormed) {
            throw new WebhookRejection(401, "timestamp", "X-Lark-Request-Timestamp is not whole Unix seconds");
        }
        return Long.parseLong(timestamp);
    }

    private static JsonObject parse(byte[] body, String what) throws WebhookRejection {
        try {
            return StrictJson.parse(body);
        } catch (StrictJson.Refusal r) {
            throw new WebhookRejection(400, "json", what + " is " + r.getMessage());
        }
    }

    @Override
    public String toString() {
        return "WebhookVerifier[encryption " + (cipher.isPresent() ? "on" : "off") + "]";
    }
}
