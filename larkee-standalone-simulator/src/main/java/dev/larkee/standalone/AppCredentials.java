package dev.larkee.standalone;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The one app's id and secret, compared the way a real platform should: in constant time, so
 * that answer times do not leak how much of a guessed secret was right.
 */
final class AppCredentials {

    private final String appId;
    private final byte[] appSecret;

    AppCredentials(String appId, String appSecret) {
        this.appId = Objects.requireNonNull(appId);
        this.appSecret = appSecret.getBytes(StandardCharsets.UTF_8);
    }

    String appId() {
        return appId;
    }

    boolean matches(String id, String secret) {
        if (id == null || secret == null) {
            return false;
        }
        // Both compared every time: no early exit on a wrong id either.
        boolean idOk = MessageDigest.isEqual(appId.getBytes(StandardCharsets.UTF_8), id.getBytes(StandardCharsets.UTF_8));
        boolean secretOk = MessageDigest.isEqual(appSecret, secret.getBytes(StandardCharsets.UTF_8));
        return idOk & secretOk;
    }

    @Override
    public String toString() {
        return "AppCredentials[" + appId + ", secret hidden]";
    }
}
