package dev.larkee.webhook;

/**
 * A request larkee refuses, with the HTTP status and the name of the check that failed. The message
 * is safe to send back: it never contains a secret, an expected value, or decrypted content.
 */
public class WebhookRejection extends Exception {

    private final int status;
    private final String check;

    public WebhookRejection(int status, String check, String message) {
        super(message, null, false, false);
        this.status = status;
        this.check = check;
    }

    public int status() {
        return status;
    }

    /** Which check failed: size, json, signature, decrypt, plaintext, kind, token, timestamp, misconfigured. */
    public String check() {
        return check;
    }
}
