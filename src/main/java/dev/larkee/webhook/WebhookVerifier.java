package dev.larkee.webhook;

import dev.larkee.crypto.CryptoException;
import dev.larkee.crypto.PayloadCipher;
import dev.larkee.crypto.RequestSignature;
import dev.larkee.dispatch.Inbound;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook pipeline of webhook.md §3, in its order: parse, authenticate the raw bytes, decrypt
 * strictly, classify, check the Verification Token, check freshness. It authenticates before it
 * decrypts, so unauthenticated bytes never reach the cipher when an Encrypt Key is set. Immutable
 * and thread-safe; the clock is injectable for tests.
 */
public final class WebhookVerifier {

    private static final JsonReaderFactory JSON = JsonProvider.provider().createReaderFactory(Map.of());

    private final Optional<PayloadCipher> cipher;
    private final Optional<RequestSignature> eventSignature;
    private final RequestSignature legacySignature;
    private final byte[] verificationToken;
    private final long replayWindowSeconds;
    private final long eventReplayWindowSeconds;
    private final Clock clock;

    /**
     * @param encryptKey               the Encrypt Key, if the app has one
     * @param verificationToken        the Verification Token (required)
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
        JsonObject outer = parse(request.body(), "body is not a JSON object");

        Optional<RequestSignature> scheme = endpoint == Inbound.Endpoint.LEGACY_CARDS
                ? Optional.of(legacySignature) : eventSignature;
        boolean unsigned = false;
        if (scheme.isPresent()) {
            if (!request.carriesSignature()) {
                unsigned = true; // only a URL verification may pass without a signature
            } else if (!scheme.get().verify(request.timestamp(), request.nonce(), request.body(), request.signature())) {
                throw new WebhookRejection(401, "signature", "X-Lark-Signature does not match the request");
            }
        }

        JsonObject plain = decryptIfNeeded(endpoint, outer);
        Inbound inbound = Inbound.classify(plain, endpoint);
        if (inbound.kind() == Inbound.Kind.UNKNOWN) {
            throw new WebhookRejection(400, "kind", "body is neither a URL verification, an event, nor a callback");
        }
        if (inbound.kind() != Inbound.Kind.LEGACY_CARD && !tokenMatches(inbound.token())) {
            throw new WebhookRejection(401, "token", "verification token does not match");
        }
        if (inbound.kind() == Inbound.Kind.URL_VERIFICATION) {
            if (!(plain.get("challenge") instanceof JsonString)) {
                throw new WebhookRejection(400, "challenge", "url_verification has no challenge string");
            }
            return inbound;
        }
        if (unsigned) {
            throw new WebhookRejection(401, "signature", "X-Lark-Request-Timestamp, -Nonce and -Signature are required");
        }
        if (scheme.isPresent()) {
            checkFreshness(request.timestamp(), inbound.isCallback() ? replayWindowSeconds : eventReplayWindowSeconds);
        }
        return inbound;
    }

    private JsonObject decryptIfNeeded(Inbound.Endpoint endpoint, JsonObject outer) throws WebhookRejection {
        JsonValue encrypt = outer.get("encrypt");
        if (encrypt instanceof JsonString s && !s.getString().isEmpty()) {
            if (cipher.isEmpty()) {
                throw new WebhookRejection(500, "misconfigured",
                        "body is encrypted but larkee has no Encrypt Key configured (larkee.encrypt-key)");
            }
            String plaintext;
            try {
                plaintext = cipher.get().decrypt(s.getString());
            } catch (CryptoException e) {
                throw new WebhookRejection(400, "decrypt", e.getMessage());
            }
            return parse(plaintext, "decrypted body is not a JSON object");
        }
        if (encrypt != null && !(encrypt instanceof JsonString)) {
            throw new WebhookRejection(400, "decrypt", "encrypt is not a string");
        }
        if (cipher.isPresent() && endpoint == Inbound.Endpoint.EVENTS) {
            // An Encrypt Key means the platform encrypts everything: a plaintext body is a downgrade.
            throw new WebhookRejection(400, "plaintext", "body must be encrypted: an Encrypt Key is configured");
        }
        return outer;
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
        long sent;
        try {
            sent = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new WebhookRejection(401, "timestamp", "X-Lark-Request-Timestamp is not whole Unix seconds");
        }
        long now = clock.millis() / 1000;
        if (Math.abs(now - sent) > windowSeconds) {
            throw new WebhookRejection(401, "timestamp", "X-Lark-Request-Timestamp is outside the replay window of "
                    + windowSeconds + " s");
        }
    }

    private static JsonObject parse(byte[] body, String problem) throws WebhookRejection {
        String text;
        try {
            // Strict: a lenient decoder would turn bad bytes into U+FFFD and parse on.
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new WebhookRejection(400, "json", "body is not UTF-8");
        }
        return parse(text, problem);
    }

    private static JsonObject parse(String body, String problem) throws WebhookRejection {
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            // JsonException, IllegalStateException, and Parsson's plain RuntimeException past its nesting limit.
            throw new WebhookRejection(400, "json", problem);
        }
    }

    @Override
    public String toString() {
        return "WebhookVerifier[encryption " + (cipher.isPresent() ? "on" : "off") + "]";
    }
}
