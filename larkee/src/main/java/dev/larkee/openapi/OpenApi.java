package dev.larkee.openapi;

import dev.larkee.configuration.LarkeeConfiguration;
import dev.larkee.configuration.PlatformHttp;
import dev.larkee.configuration.Secret;
import dev.larkee.dispatch.ObserverExecutors;
import dev.larkee.dispatch.WireText;
import dev.larkee.longconnection.WebContextPath;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One POST to the platform's open API, through the JAX-RS client: the configured domain (or the
 * simulator's), the configured proxy, {@code larkee.open-api.timeout-ms}, the answer read bounded and
 * parsed. Runs on larkee's open-API pool, never an observer's or an HTTP thread.
 */
@ApplicationScoped
public class OpenApi {

    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    /** The largest answer read: the platform's are a few hundred bytes. */
    static final int MAX_ANSWER_BYTES = 64 << 10;

    @Inject
    LarkeeConfiguration configuration;

    @Inject
    WebContextPath webContextPath;

    @Inject
    ObserverExecutors executors;

    private volatile Client client;

    /** What the platform answered: the HTTP status and its JSON object (empty when the body was none). */
    public record Answer(int status, JsonObject body) {

        /** The platform's {@code code}; -1 when the answer has none. */
        public long code() {
            return body.get("code") instanceof JsonNumber n ? n.longValue() : -1;
        }

        /** The platform's {@code msg}, escaped and bounded for logs and outcomes. */
        public String msg() {
            return body.get("msg") instanceof JsonString s ? WireText.forLog(s.getString()) : "";
        }
    }

    /** The call failed before an answer came (connection refused, timeout, unreadable answer). */
    public static final class Unreachable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message);
        }
    }

    /**
     * POSTs {@code body} to {@code path} (e.g. {@code /open-apis/auth/v3/tenant_access_token/internal})
     * with {@code bearer} as the Authorization when given; completes with the answer, or exceptionally
     * with {@link Unreachable}.
     */
    public CompletableFuture<Answer> post(String path, JsonObject body, Secret bearer) {
        return webContextPath.future().thenApplyAsync(endpoints -> {
            URI url = URI.create(configuration.domain(endpoints).baseUrl().toString().replaceAll("/+$", "") + path);
            Invocation.Builder request = client().target(url).request();
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer.reveal());
            }
            try (Response response = request.post(Entity.entity(body.toString(), CONTENT_TYPE))) {
                String text = response.hasEntity() ? PlatformHttp.readBounded(response.readEntity(InputStream.class), MAX_ANSWER_BYTES) : "";
                return new Answer(response.getStatus(), parse(text));
            } catch (ProcessingException | IllegalStateException | IOException e) {
                // The message of a JAX-RS failure may carry the URL, never a header: still, keep it short.
                throw new CompletionException(new Unreachable(WireText.forLog(String.valueOf(
                        e.getCause() != null ? e.getCause().getClass().getSimpleName() : e.getClass().getSimpleName()))));
            }
        }, executors.openApi());
    }

    private Client client() {
        Client c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = PlatformHttp.client(configuration.openApiTimeoutMs(), configuration.proxy());
                }
                c = client;
            }
        }
        return c;
    }

    static JsonObject parse(String text) {
        if (text.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonValue v = reader.readValue();
            return v instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        } catch (RuntimeException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    @PreDestroy
    void close() {
        Client c = client;
        if (c != null) {
            c.close();
        }
    }
}
