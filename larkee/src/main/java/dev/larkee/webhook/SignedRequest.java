package dev.larkee.webhook;

/**
 * What arrived over HTTP, untouched: the raw body bytes (signatures cover them exactly) and the
 * three signature headers, any of which may be null.
 */
public record SignedRequest(byte[] body, String timestamp, String nonce, String signature) {

    boolean carriesSignature() {
        return timestamp != null && nonce != null && signature != null;
    }
}
