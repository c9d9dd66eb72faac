package dev.larkee.it;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Sends the shared vectors' HTTP requests, byte for byte, to a deployed larkee. */
public final class VectorClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URL base;

    public VectorClient(URL base) {
        this.base = base;
    }

    /** The webhook URL for a vector's endpoint kind ({@code event} or {@code card}). */
    public URI webhook(String endpoint) {
        return URI.create(base.toExternalForm() + "api/webhook/" + endpoint);
    }

    public HttpResponse<String> send(JsonObject vector) throws IOException, InterruptedException {
        JsonObject req = vector.getJsonObject("request");
        HttpRequest.Builder b = HttpRequest.newBuilder(webhook(vector.getString("endpoint")))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(req.getString("body_utf8").getBytes(StandardCharsets.UTF_8)));
        req.getJsonObject("headers").forEach((k, v) -> b.header(k, ((jakarta.json.JsonString) v).getString()));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> post(URI uri, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base.toExternalForm() + path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public int observerCalls(String key) throws IOException, InterruptedException {
        return Integer.parseInt(get("test/it/calls/" + key).body().trim());
    }
}
