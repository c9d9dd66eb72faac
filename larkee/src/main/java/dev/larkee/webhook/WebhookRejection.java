package dev.larkee.webhook;

/**
 * A request larkee refuses, with the HTTP status and the name of the check that failed. The message
 * is safe to send back: it never contains a secret, an expected value, or decrypted content. The
 * detail, for the log only, may say more than the answer does (see {@link #notSigned(String)}).
 */
public class WebhookRejection extends Exception {

    /** The one answer to every request that is not correctly signed, whatever is inside it. */
    static final String NOT_SIGNED_MESSAGE = "the request is not signed correctly";

    private final int status;
    private final String check;
    private final String detail;

    public WebhookRejection(int status, String check, String message) {
        this(status, check, message, message);
    }

    private WebhookRejection(int status, String check, String message, String detail) {
        super(message, null, false, false);
        this.status = status;
        this.check = check;
        this.detail = detail;
    }

    /**
     * A request that needed a signature and has none that matches. Its answer is the same whatever
     * failed, so the answers cannot be used as an oracle on anything larkee decrypted or parsed
     * for it; {@code detail} says what failed, in the log only.
     */
    static WebhookRejection notSigned(String detail) {
        return new WebhookRejection(401, "signature", NOT_SIGNED_MESSAGE, detail);
    }

    public int status() {
        return status;
    }

    /** Which check failed: size, json, signature, decrypt, plaintext, kind, token, timestamp, misconfigured. */
    public String check() {
        return check;
    }

    /** What failed, for the log: the message, or more for a {@link #notSigned(String)} refusal. */
    public String detail() {
        return detail;
    }
}
