package dev.larkee.longconnection;

import dev.larkee.configuration.PlatformHttp;
import dev.larkee.configuration.Secret;
import jakarta.json.Json;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The bootstrap call (spec §2): {@code POST {domain}/callback/ws/endpoint} with the app's
 * credentials, through the JAX-RS client with connect and read timeouts, answered as an
 * {@link Endpoint} or a {@link ConnectFailure} (see {@link BootstrapAnswer}). One client for all
 * connections; {@link #close()} releases it.
 */
final class EndpointDiscovery implements AutoCloseable {

    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    /** The largest bootstrap answer read: the real one is a few hundred bytes. */
    static final int MAX_ANSWER_BYTES = 64 << 10;

    private final URI endpoint;
    private final String appId;
    private final Secret appSecret;
    private final Client client;

    EndpointDiscovery(URI endpoint, String appId, Secret appSecret, long timeoutMs, Optional<String> proxy) {
        this.endpoint = endpoint;
        this.appId = appId;
        this.appSecret = appSecret;
        this.client = PlatformHttp.client(timeoutMs, proxy);
    }

    /** Asks for a fresh URL; never reuse an old one. */
    Endpoint discover(ClientConfig current, Consumer<String> rejectedConfig) throws ConnectFailure {
        String body = Json.createObjectBuilder()
                .add("AppID", appId)
                .add("AppSecret", appSecret.reveal())
                .build().toString();
        int status;
        String answer;
        try (Response response = client.target(endpoint).request()
                .header("locale", "zh")
                .post(Entity.entity(body, CONTENT_TYPE))) {
            status = response.getStatus();
            answer = response.hasEntity() ? readBounded(response.readEntity(InputStream.class), MAX_ANSWER_BYTES) : "";
        } catch (ProcessingException | IllegalStateException e) {
            throw ConnectFailure.retryable("bootstrap failed: " + Redaction.describe(e));
        }
        return BootstrapAnswer.interpret(status, answer, current, rejectedConfig);
    }

    /** The stream as UTF-8 text, refusing more than {@code max} bytes (the caller retries, as for any bad answer). */
    static String readBounded(InputStream in, int max) throws ConnectFailure {
        try {
            return PlatformHttp.readBounded(in, max);
        } catch (IOException e) {
            throw ConnectFailure.retryable("bootstrap failed: " + Redaction.describe(e));
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
