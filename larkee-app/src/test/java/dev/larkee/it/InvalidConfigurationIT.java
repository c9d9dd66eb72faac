package dev.larkee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A deadline at or past the platform's 3 s must stop the deployment, not the first callback.
 * Payara Micro logs "larkee configuration: larkee.callback-deadline-ms must be between 1 and 2999"
 * and does not start the app; the managed connector does not report failed deployments, so the
 * test checks that nothing is served where a healthy larkee answers every request.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InvalidConfigurationIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.larkee(Map.of(
                "larkee.verification-token", "vt",
                "larkee.long-connection.enabled", "false",
                "larkee.callback-deadline-ms", "3000"));
    }

    @Test
    void theApplicationIsNotDeployed() throws Exception {
        URI webhook = URI.create("http://127.0.0.1:" + System.getProperty("it.http.port", "18090")
                + "/larkee/api/webhook/event");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(webhook)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        // A deployed larkee answers 405 with a JSON body here; the server without the app answers 404.
        assertEquals(404, r.statusCode());
    }
}
