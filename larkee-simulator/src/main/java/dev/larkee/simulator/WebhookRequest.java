package dev.larkee.simulator;

import dev.larkee.crypto.PayloadCipher;
import dev.larkee.crypto.RequestSignature;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A webhook request exactly as the platform would send it (webhook.md §11): the plaintext JSON,
 * optionally wrapped in {@code {"encrypt":…}}, with {@code X-Lark-Request-Timestamp}, {@code -Nonce}
 * and {@code X-Lark-Signature} computed over the final body bytes. For larkee's simulator and for
 * users' own tests:
 *
 * <pre>{@code
 * WebhookRequest r = WebhookRequest.event(json).encryptKey(ek).build();
 * httpClient.send(POST r.body() with r.headers() to .../api/webhook/event)
 * WebhookRequest legacy = WebhookRequest.legacyCard(json).verificationToken(vt).build();
 * }</pre>
 *
 * @param body    the exact bytes to POST
 * @param headers the headers to send with them (Content-Type included)
 */
public record WebhookRequest(byte[] body, Map<String, String> headers) {

    /** For events and new callbacks ({@code card.action.trigger}, {@code url.preview.get}): SHA-256 with the Encrypt Key. */
    public static Builder event(String plaintextJson) {
        return new Builder(plaintextJson, false);
    }

    /** For legacy message cards: SHA-1 with the Verification Token. */
    public static Builder legacyCard(String plaintextJson) {
        return new Builder(plaintextJson, true);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Builds one request; unset values default to what the platform does (current time, random nonce). */
    public static final class Builder {

        private static final SecureRandom RANDOM = new SecureRandom();

        private final String plaintext;
        private final boolean legacy;
        private String encryptKey;
        private String verificationToken;
        private Long timestamp;
        private String nonce;
        private boolean encrypt = true;

        private Builder(String plaintext, boolean legacy) {
            this.plaintext = Objects.requireNonNull(plaintext);
            this.legacy = legacy;
        }

        /** The app's Encrypt Key: encrypts the body and signs events with it. */
        public Builder encryptKey(String key) {
            this.encryptKey = key;
            return this;
        }

        /** The Verification Token: signs legacy card requests (SHA-1). */
        public Builder verificationToken(String token) {
            this.verificationToken = token;
            return this;
        }

        /** Send the plaintext even though an Encrypt Key is set (the platform never does; for negative tests). */
        public Builder plaintext() {
            this.encrypt = false;
            return this;
        }

        /** Sign with this Unix time in seconds instead of now. */
        public Builder timestamp(long epochSeconds) {
            this.timestamp = epochSeconds;
            return this;
        }

        public Builder nonce(String nonce) {
            this.nonce = nonce;
            return this;
        }

        public WebhookRequest build() {
            String body = encrypt && encryptKey != null
                    ? "{\"encrypt\":\"" + new PayloadCipher(encryptKey).encrypt(plaintext) + "\"}"
                    : plaintext;
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json; charset=utf-8");
            headers.put("X-Request-Id", UUID.randomUUID().toString());
            RequestSignature signature = legacy
                    ? (verificationToken == null ? null : RequestSignature.legacyCards(verificationToken))
                    : (encryptKey == null ? null : RequestSignature.events(encryptKey));
            if (signature != null) {
                String ts = Long.toString(timestamp != null ? timestamp : System.currentTimeMillis() / 1000);
                String n = nonce != null ? nonce : Integer.toString(100_000_000 + RANDOM.nextInt(900_000_000));
                headers.put("X-Lark-Request-Timestamp", ts);
                headers.put("X-Lark-Request-Nonce", n);
                headers.put("X-Lark-Signature", signature.sign(ts, n, bytes));
            }
            return new WebhookRequest(bytes, Map.copyOf(headers));
        }
    }
}
