package dev.larkee.configuration;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How larkee calls the platform over HTTP (the long connection's bootstrap, the open API): one
 * JAX-RS client with connect and read timeouts and the configured proxy, and answers read bounded.
 */
public final class PlatformHttp {

    /** Jersey's proxy property (a plain string: harmless on other JAX-RS clients, which use https.proxyHost). */
    private static final String JERSEY_PROXY_URI = "jersey.config.client.proxy.uri";

    private PlatformHttp() {
    }

    /** A JAX-RS client with {@code timeoutMs} for connecting and reading, through {@code proxy} ({@code host:port}) when set. */
    public static Client client(long timeoutMs, Optional<String> proxy) {
        ClientBuilder builder = ClientBuilder.newBuilder()
                .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMs, TimeUnit.MILLISECONDS);
        proxy.ifPresent(p -> builder.property(JERSEY_PROXY_URI, "http://" + p));
        return builder.build();
    }

    /** The stream as UTF-8 text, refusing more than {@code max} bytes; closes it. */
    public static String readBounded(InputStream in, int max) throws IOException {
        try (InputStream body = in) {
            byte[] bytes = body.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new IOException("answer over " + max + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
