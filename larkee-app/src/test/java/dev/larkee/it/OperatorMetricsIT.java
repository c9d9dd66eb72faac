package dev.larkee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.dispatch.DeliveredEvents;
import dev.larkee.simulator.Exchange;
import dev.larkee.simulator.SimulatorTestKit;
import dev.larkee.simulator.SimulatorTestKit.Transport;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator scrapes at {@code /metrics} on Payara (issue 9 §3): deliveries by type and
 * outcome, answer and observer times, webhook refusals by check, the long connection's gauges,
 * de-duplication hits and the instance's share of the connection cap; and readiness naming the cap.
 * With {@code larkee.cluster.data-grid=on}, de-duplication and the cap go through Payara's JCache.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorMetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Deployment
    static WebArchive deployment() {
        // The grid on although Arquillian starts Payara Micro with --nocluster: JCache (Hazelcast) still
        // serves this one member, so the shared de-duplication and connection slots run on it for real.
        return Deployments.larkee(Map.of("larkee.simulator.enabled", "true", "larkee.cluster.data-grid", "on"));
    }

    @Inject
    SimulatorTestKit kit;

    @Inject
    DeliveredEvents delivered;

    @Test
    @Order(1)
    void aCallbackAndItsReDeliveryAreCounted() throws Exception {
        assertTrue(kit.awaitConnected(WAIT), "larkee connected to the simulator");
        JsonObject click = kit.payloads().cardAction(Json.createObjectBuilder().add("action", "approve").build());
        long hits = delivered.duplicates();
        Exchange first = kit.send(Transport.LONG_CONNECTION, click);
        Exchange again = kit.send(Transport.LONG_CONNECTION, click);
        assertEquals(200, first.status(), first::toString);
        assertEquals(first.reply(), again.reply(), "the re-delivery gets the first answer");
        assertEquals(hits + 1, delivered.duplicates(), "one de-duplication hit");
    }

    @Test
    @Order(2)
    @RunAsClient
    void metricsNameTypesOutcomesChecksAndConnections(@ArquillianResource URL base) throws Exception {
        base = Loopback.of(base);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base + "api/webhook/event"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{not json"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode(), refused.body()); // simulator mode has an Encrypt Key: unsigned is refused first

        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + base.getPort()
                + "/metrics?scope=application")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertAtLeast(metrics, "larkee_callbacks_total\\{[^}]*outcome=\"replied\"[^}]*type=\"card.action.trigger\"[^}]*\\}", 1);
        assertAtLeast(metrics, "larkee_callbacks_total\\{[^}]*outcome=\"duplicate\"[^}]*type=\"card.action.trigger\"[^}]*\\}", 1);
        assertAtLeast(metrics, "larkee_callback_answer_time_seconds_count\\{[^}]*type=\"card.action.trigger\"[^}]*\\}", 1);
        assertAtLeast(metrics, "larkee_callback_observer_time_seconds_count\\{[^}]*type=\"card.action.trigger\"[^}]*\\}", 1);
        assertAtLeast(metrics, "larkee_webhook_refusals_total\\{[^}]*check=\"signature\"[^}]*\\}", 1);
        assertAtLeast(metrics, "larkee_deduplication_hits(\\{[^}]*\\})?", 1);
        assertAtLeast(metrics, "larkee_long_connection_connected\\{[^}]*connection=\"1\"[^}]*\\}", 1);
        assertAtLeast(metrics, "larkee_long_connection_slots_held(\\{[^}]*\\})?", 1);
        assertAtLeast(metrics, "larkee_long_connection_slots_cap(\\{[^}]*\\})?", 50);
        assertTrue(Pattern.compile("(?m)^larkee_long_connection_last_pong_age_seconds\\{[^}]*connection=\"1\"").matcher(metrics).find(),
                metrics);

        String ready = http.send(HttpRequest.newBuilder(ReadinessProbe.readyUri(base.getPort())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(ready.contains("\"connection_cap\":\"1 of 50 held here, counted in the data grid\""), ready);
    }

    private static void assertAtLeast(String metrics, String series, double min) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(metrics);
        assertTrue(m.find(), () -> "no " + series + " in:\n" + metrics);
        assertTrue(Double.parseDouble(m.group(m.groupCount())) >= min, () -> series + " below " + min + ":\n" + metrics);
    }
}
