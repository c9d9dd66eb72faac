package dev.larkee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.larkee.simulator.Exchange;
import dev.larkee.simulator.SimulatorTestKit;
import dev.larkee.simulator.SimulatorTestKit.Transport;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * larkee as a newcomer first runs it: no credentials, so it talks to its embedded simulator over
 * the real protocols, and the example observers answer. Exercised three ways: the test kit from
 * inside the server (as a user's own test would), the console's HTTP API, and the console page in
 * a real headless Chromium.
 */
@ExtendWith(ArquillianExtension.class)
class EmbeddedSimulatorIT {

    @Deployment
    static WebArchive deployment() {
        // No credential at all: the embedded default.
        return Deployments.larkee(Map.of("larkee.callback-deadline-ms", "2500",
                dev.larkee.configuration.LarkeeConfiguration.SIMULATOR_ENABLED, "true")).addClasses(ReadinessProbe.class);
    }

    @Inject
    SimulatorTestKit kit;

    @Test
    void everyCallbackKindGoesRoundTripByBothTransports() throws InterruptedException {
        assertTrue(kit.awaitConnected(Duration.ofSeconds(20)), "larkee connected to its simulator");
        for (Transport transport : Transport.values()) {
            Exchange card = kit.send(transport, kit.payloads().cardAction(
                    Json.createObjectBuilder().add("action", "approve").build()));
            assertNull(card.problem(), transport + ": " + card.problem());
            assertEquals(200, card.status(), transport.name());
            JsonObject toast = card.replyJson().getJsonObject("toast");
            assertEquals("info", toast.getString("type"));
            assertTrue(toast.getString("content").startsWith("larkee got 'approve'"), toast.toString());

            Exchange stringValue = kit.send(transport, kit.payloads().cardAction(Json.createValue("plain-text")));
            assertEquals("larkee got 'plain-text' from ou_simulated_user_0001",
                    stringValue.replyJson().getJsonObject("toast").getString("content"));

            Exchange preview = kit.send(transport, kit.payloads().urlPreview("https://example.com/a"));
            assertEquals("Preview of https://example.com/a",
                    preview.replyJson().getJsonObject("inline").getString("title"));

            Exchange approval = kit.send(transport, kit.payloads().customizedEvent("out_approval",
                    Json.createObjectBuilder().add("out_reason", "client visit").build()));
            assertEquals(200, approval.status());
            assertEquals("client visit", approval.replyJson().getJsonArray("elements").getJsonObject(0)
                    .getJsonObject("text").getString("content"));
        }
        Exchange legacy = kit.webhook().sendLegacyCard(kit.payloads().legacyCardAction(
                Json.createObjectBuilder().add("k", "v").build()));
        assertEquals(200, legacy.status());
        assertEquals("Handled by larkee", legacy.replyJson().getJsonObject("header").getJsonObject("title")
                .getString("content"));
    }

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    private static HttpResponse<String> post(URL base, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @RunAsClient
    void anotherWebPageCannotDriveTheConsole(@ArquillianResource URL base) throws Exception {
        base = Loopback.of(base);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "api/simulator/console/send"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"card\",\"value\":\"{}\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode(), r.body());
        assertEquals("origin", json(r.body()).getString("check"));
    }

    @Test
    @RunAsClient
    void theSimulatorsWebSocketTakesNoForgedTicketAndOnPayaraNoOtherHost(@ArquillianResource URL base) throws Exception {
        String path = base.getPath() + "simulator/ws/v2?fpid=1&device_id=1&service_id=1&ticket=forged";
        // Over loopback the gate lets the upgrade through; the simulator closes a socket without a valid ticket.
        assertEquals(1008, closeCode(URI.create("ws://127.0.0.1:" + base.getPort() + path)));
        boolean payara = System.getProperty("it.health.port") == null;
        java.net.InetAddress host = java.net.InetAddress.getByName(base.getHost());
        if (payara && !host.isLoopbackAddress()) {
            // From the machine's own LAN address: not loopback, so the gate refuses before any upgrade.
            java.util.concurrent.ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.ExecutionException.class,
                    () -> closeCode(URI.create("ws://" + base.getHost() + ":" + base.getPort() + path)));
            assertTrue(refused.getCause() instanceof java.net.http.WebSocketHandshakeException hs
                    && hs.getResponse().statusCode() == 403, String.valueOf(refused.getCause()));
        } else {
            // WildFly's Undertow upgrades before any filter (README): the ticket is the guard there.
            assertEquals(1008, closeCode(URI.create("ws://" + base.getHost() + ":" + base.getPort() + path)));
        }
    }

    /** Opens a WebSocket to {@code uri} and waits (10 s at most) for the server to close it; its close code. */
    private static int closeCode(URI uri) throws Exception {
        java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new java.net.http.WebSocket.Listener() {
            @Override
            public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket ws, int code, String reason) {
                closed.complete(code);
                return null;
            }
        }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        return closed.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    @RunAsClient
    void theConsoleApiAnswersBadInputWithAClearMessage(@ArquillianResource URL base) throws Exception {
        base = Loopback.of(base);
        HttpResponse<String> bad = post(base, "api/simulator/console/send",
                "{\"kind\":\"card\",\"transport\":\"webhook\",\"value\":\"{not json\"}");
        assertEquals(400, bad.statusCode());
        assertEquals("action.value is not valid JSON (a string needs quotes: \"like this\")", json(bad.body()).getString("msg"));

        HttpResponse<String> unknown = post(base, "api/simulator/console/send", "{\"kind\":\"telepathy\"}");
        assertEquals(400, unknown.statusCode());
        assertEquals("unknown kind 'telepathy'", json(unknown.body()).getString("msg"));

        HttpResponse<String> notJson = post(base, "api/simulator/console/send", "nope");
        assertEquals(400, notJson.statusCode());

        HttpResponse<String> ok = post(base, "api/simulator/console/send",
                "{\"kind\":\"preview\",\"transport\":\"webhook\",\"url\":\"https://example.com/x\"}");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(200, json(ok.body()).getInt("status"));
    }

    @Test
    void onceReadinessSaysUpTheConsoleCanSendOverTheLongConnectionAtOnce() throws Exception {
        URI ready = ReadinessProbe.readyUri(configuration.httpPort());
        // What a load balancer sees; re-checked whenever the simulator's state changes, at least every 50 ms.
        assertTrue(kit.platform().await(s -> ReadinessProbe.up(ready), Duration.ofSeconds(30)), "readiness UP");
        JsonObject answer = json(ConsoleCalls.post(configuration.httpPort(), "send",
                "{\"kind\":\"card\",\"value\":\"{\\\"action\\\":\\\"ready\\\"}\"}").body());
        assertEquals(jakarta.json.JsonValue.NULL, answer.get("problem"), answer.toString());
        assertEquals(200, answer.getInt("status"), answer.toString());
    }

    @Inject
    dev.larkee.configuration.LarkeeConfiguration configuration;

    @Test
    void theConsoleDropButtonShowsLarkeeRecover() throws Exception {
        assertTrue(kit.awaitConnected(Duration.ofSeconds(20)));
        String before = kit.platform().connections().get(0).deviceId();
        HttpResponse<String> drop = ConsoleCalls.post(configuration.httpPort(), "drop", "");
        assertEquals(200, drop.statusCode(), drop.body());
        assertTrue(json(drop.body()).getString("msg").startsWith("dropped 1 connection"), drop.body());
        // The simulator's ClientConfig puts the first reconnect within 2 s.
        assertTrue(kit.platform().await(s -> s.connections().stream().anyMatch(c -> !c.deviceId().equals(before)),
                Duration.ofSeconds(15)), "larkee reconnected with a new device id");
        Exchange after = kit.send(Transport.LONG_CONNECTION, kit.payloads().cardAction(Json.createValue("again")));
        assertEquals(200, after.status(), String.valueOf(after.problem()));
    }

    @Test
    @RunAsClient
    void theConsolePageShowsTheExampleObserversToastInARealBrowser(@ArquillianResource URL base) throws Exception {
        base = Loopback.of(base);
        assumeTrue(HeadlessChromium.available(), "Debian's chromium is not installed (apt-get install chromium)");
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.navigate(base + "console/");
            assertEquals("larkee dev console", browser.evaluate("document.querySelector('h1').textContent").toString()
                    .replace("\"", ""));
            // Wait (in the page, bounded) until the connection table shows larkee connected.
            assertEquals("true", browser.evaluate(waitFor(
                    "[...document.querySelectorAll('#connections td')].some(td => td.textContent === 'connected')")).toString());
            browser.evaluate("document.getElementById('value').value = '{\"action\":\"from-the-browser\"}';"
                    + "document.getElementById('send-button').click(); true");
            assertEquals("true", browser.evaluate(waitFor(
                    "document.querySelector('#exchanges tbody').textContent.includes(\"larkee got 'from-the-browser'\")"))
                    .toString());
            assertTrue(browser.evaluate("document.getElementById('send-result').textContent").toString()
                    .contains("Answered 200"));

            // Bad JSON in the form: a clear message on the page, not a stack trace.
            browser.evaluate("document.getElementById('value').value = '{oops'; document.getElementById('send-button').click(); true");
            assertEquals("true", browser.evaluate(waitFor(
                    "document.getElementById('send-result').textContent.includes('action.value is not valid JSON')")).toString());
            browser.screenshot(Path.of("target", "console.png"));
        }
    }

    /** A page-side wait: resolves true once {@code condition} holds, false after 15 s. */
    private static String waitFor(String condition) {
        return "new Promise(resolve => { const start = Date.now(); (function check() {"
                + " if (" + condition + ") resolve(true);"
                + " else if (Date.now() - start > 15000) resolve(false);"
                + " else setTimeout(check, 100); })(); })";
    }
}
