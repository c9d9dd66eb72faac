package dev.larkee.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The dev console's HTTP API called from an in-container test, as the console page calls it: over
 * loopback and through the simulator's gate (its resources answer nothing else).
 */
final class ConsoleCalls {

    private ConsoleCalls() {
    }

    /** POST {@code /larkee/api/simulator/console/<action>} on this server's {@code port}. */
    static HttpResponse<String> post(int port, String action, String body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/larkee/api/simulator/console/" + action))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
