package dev.larkee.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.longconnection.Frame;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadRunTest {

    @Test
    void pushesCardCallbacksAtTheRateAndReportsEveryAck() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (StandaloneSimulator s = StandaloneSimulator.start(SimulatorOptions.builder("cli_0123456789abcdef", "pw").build());
                TestClient a = TestClient.connect(http, s.base(), "cli_0123456789abcdef", "pw", TestClient.Mode.ACK);
                TestClient b = TestClient.connect(http, s.base(), "cli_0123456789abcdef", "pw", TestClient.Mode.ACK)) {
            assertTrue(s.awaitConnections(2, Duration.ofSeconds(10)));

            LoadReport report = LoadRun.run(s, "vt-load", 100, 400, Duration.ofSeconds(10));

            assertEquals(100, report.sent());
            assertEquals(100, report.acked());
            assertEquals(0, report.lost());
            assertEquals(0, report.redeliveries());
            assertTrue(report.elapsed().toMillis() >= 240, "100 at 400/s take at least 247 ms: " + report.summary());
            assertTrue(report.p50().compareTo(report.p99()) <= 0 && report.p99().compareTo(report.max()) <= 0);
            assertTrue(report.acksPerSecond() > 0);
            assertEquals(100, a.data.size() + b.data.size());

            Frame frame = a.data.peek();
            assertEquals("event", frame.type());
            JsonObject json = Json.createReader(new ByteArrayInputStream(frame.payload())).readObject();
            assertEquals("2.0", json.getString("schema"));
            assertEquals("card.action.trigger", json.getJsonObject("header").getString("event_type"));
            assertEquals("vt-load", json.getJsonObject("header").getString("token"));
            assertEquals("cli_0123456789abcdef", json.getJsonObject("header").getString("app_id"));
            assertEquals("load", json.getJsonObject("event").getJsonObject("action").getJsonObject("value").getString("action"));
            assertEquals("button", json.getJsonObject("event").getJsonObject("action").getString("tag"));
        }
    }

    @Test
    void percentilesUseTheNearestRank() {
        List<Long> sorted = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertEquals(Duration.ofNanos(5), LoadRun.percentile(sorted, 0.5));
        assertEquals(Duration.ofNanos(10), LoadRun.percentile(sorted, 0.99));
        assertEquals(Duration.ZERO, LoadRun.percentile(List.of(), 0.5));
    }
}
