package dev.larkee.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What a load balancer sees: whether {@code GET /health/ready} answers 200 (false while it cannot be reached). */
final class ReadinessProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ReadinessProbe() {
    }

    /**
     * {@code GET /health/ready} of the server the tests run on: its HTTP port on Payara Micro, its
     * management port on WildFly (named by {@code jboss.management.http.port} inside that server, and
     * by {@code it.health.port} in the test JVM).
     */
    static URI readyUri(int httpPort) {
        String management = System.getProperty("jboss.management.http.port");
        int port = management != null ? Integer.parseInt(management) : Integer.getInteger("it.health.port", httpPort);
        return URI.create("http://127.0.0.1:" + port + "/health/ready");
    }

    static boolean up(URI ready) {
        try {
            return HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
