package dev.larkee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.configuration.LarkeeConfiguration;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With credentials configured the simulator is off (its endpoints answer 404) and, with the long
 * connection switched off, readiness is UP and says so.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SimulatorOffIT {

    private static final String SECRET = "not-a-real-secret-0123456789";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.larkee(Map.of(
                LarkeeConfiguration.APP_ID, "cli_0123456789abcdef",
                LarkeeConfiguration.APP_SECRET, SECRET,
                LarkeeConfiguration.VERIFICATION_TOKEN, "vt-not-real",
                LarkeeConfiguration.LC_ENABLED, "false"));
    }

    @ArquillianResource
    URL base;

    @BeforeEach
    void overLoopback() {
        base = Loopback.of(base);
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void simulatorEndpointsAnswer404() throws Exception {
        HttpResponse<String> bootstrap = http.send(HttpRequest.newBuilder(base.toURI().resolve("api/simulator/callback/ws/endpoint"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"AppID\":\"cli_0123456789abcdef\",\"AppSecret\":\"" + SECRET + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, bootstrap.statusCode());
        HttpResponse<String> upgrade = http.send(HttpRequest.newBuilder(base.toURI().resolve(
                "simulator/ws/v2?fpid=1&device_id=1&service_id=1&ticket=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, upgrade.statusCode());
    }

    @Test
    void readinessIsUpAndSaysTheLongConnectionIsOff() throws Exception {
        URI ready = ReadinessProbe.readyUri(base.getPort());
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"long_connection\":\"disabled\""), health.body());
        assertFalse(health.body().contains(SECRET));
    }
}
