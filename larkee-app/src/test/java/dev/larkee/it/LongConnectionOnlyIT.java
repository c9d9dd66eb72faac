package dev.larkee.it;

import dev.larkee.spec.Vectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.configuration.LarkeeConfiguration;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * An app that uses the long connection only (App ID and App Secret, no Verification Token): its
 * webhook is off and says so with a 404, never a 500. The long connection dials a closed loopback
 * port, so nothing leaves the machine.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LongConnectionOnlyIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.larkee(Map.of(
                LarkeeConfiguration.APP_ID, "cli_0123456789abcdef",
                LarkeeConfiguration.APP_SECRET, "not-a-real-secret-0123456789",
                LarkeeConfiguration.DOMAIN, "http://127.0.0.1:9"));
    }

    @ArquillianResource
    URL base;

    @BeforeEach
    void overLoopback() {
        base = Loopback.of(base);
    }

    @Test
    void theWebhookAnswers404SayingItIsOff() throws Exception {
        VectorClient client = new VectorClient(base);
        for (String endpoint : new String[] {"event", "card"}) {
            HttpResponse<String> r = client.post(client.webhook(endpoint),
                    Vectors.http("H1").getJsonObject("request").getString("body_utf8").getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "application/json; charset=utf-8"));
            assertEquals(404, r.statusCode(), r.body());
            JsonObject body = Json.createReader(new StringReader(r.body())).readObject();
            assertTrue(body.getString("msg").contains("the webhook is off"), r.body());
        }
    }
}
