package dev.larkee.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code X-Lark-Signature} header: lowercase hex of a plain hash (not an HMAC) over
 * {@code timestamp ‖ nonce ‖ secret ‖ raw body bytes}. Events and new-style callbacks use SHA-256
 * with the Encrypt Key; legacy message-card callbacks use SHA-1 with the Verification Token.
 * Verification compares in constant time. Instances are immutable and thread-safe.
 */
public final class RequestSignature {

    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> digest("SHA-256"));
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> digest("SHA-1"));

    private final String algorithm;
    private final byte[] secret;
    private final int hexLength;

    private RequestSignature(String algorithm, String secret, int digestBytes) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("signature secret must not be empty");
        }
        this.algorithm = algorithm;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.hexLength = digestBytes * 2;
    }

    /** SHA-256 with the Encrypt Key: events and {@code card.action.trigger} / {@code url.preview.get}. */
    public static RequestSignature events(String encryptKey) {
        return new RequestSignature("SHA-256", encryptKey, 32);
    }

    /** SHA-1 with the Verification Token: legacy message-card callbacks. */
    public static RequestSignature legacyCards(String verificationToken) {
        return new RequestSignature("SHA-1", verificationToken, 20);
    }

    /** The lowercase hex signature the platform would send for this request. */
    public String sign(String timestamp, String nonce, byte[] rawBody) {
        return HEX.formatHex(digest(timestamp, nonce, rawBody));
    }

    /**
     * Whether {@code signature} matches, compared in constant time. Uppercase hex does not match:
     * the platform sends lowercase and every official SDK compares exactly.
     */
    public boolean verify(String timestamp, String nonce, byte[] rawBody, String signature) {
        if (signature == null || signature.length() != hexLength) {
            return false;
        }
        byte[] expected = HEX.formatHex(digest(timestamp, nonce, rawBody)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] digest(String timestamp, String nonce, byte[] rawBody) {
        // MessageDigest.getInstance walks the providers each time: one per thread; digest() resets it.
        MessageDigest md = (algorithm.equals("SHA-1") ? SHA1 : SHA256).get();
        md.update(timestamp.getBytes(StandardCharsets.UTF_8));
        md.update(nonce.getBytes(StandardCharsets.UTF_8));
        md.update(secret);
        md.update(rawBody);
        return md.digest();
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    @Override
    public String toString() {
        return "RequestSignature[" + algorithm + ", secret=***]";
    }
}
