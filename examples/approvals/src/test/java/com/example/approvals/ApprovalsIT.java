package com.example.approvals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.simulator.Exchange;
import dev.larkee.simulator.SimulatorTestKit;
import dev.larkee.simulator.SimulatorTestKit.Transport;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The application's observers, tested on a real Payara Micro with larkee's test kit: the WAR that
 * {@code mvn package} built, plus the simulator jar and the switch that runs larkee against it.
 */
@ExtendWith(ArquillianExtension.class)
class ApprovalsIT {

    @Deployment
    static WebArchive approvals() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/approvals.war"))
                .addAsLibraries(SimulatorTestKit.jar())
                .addAsResource(new StringAsset("larkee.simulator.enabled=true\napprovals.report-seconds=1\n"),
                        "META-INF/microprofile-config.properties");
    }

    @Inject
    SimulatorTestKit kit;

    @Inject
    ApprovalRequests requests;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void approvingACardAnswersAToastAndTheUpdatedCard(Transport transport) throws InterruptedException {
        assertTrue(kit.awaitConnected(Duration.ofSeconds(20)), "larkee connected to the simulator");
        String request = "R-" + transport.ordinal();
        JsonObject value = Json.createObjectBuilder().add("decision", "approved").add("request", request).build();

        Exchange x = kit.send(transport, kit.payloads().cardAction(value));

        assertEquals(200, x.status(), () -> "answered: " + x);
        JsonObject reply = x.replyJson();
        assertEquals("success", reply.getJsonObject("toast").getString("type"));
        assertEquals("Request " + request + ": approved", reply.getJsonObject("toast").getString("content"));
        assertEquals("raw", reply.getJsonObject("card").getString("type"));
        assertEquals("approved", requests.decision(request).orElseThrow());
    }

    @Test
    void aReportAnswersAtOnceAndUpdatesTheCardWhenReady() throws InterruptedException {
        assertTrue(kit.awaitConnected(Duration.ofSeconds(20)), "larkee connected to the simulator");
        JsonObject click = kit.payloads().cardAction(Json.createObjectBuilder().add("decision", "report").build());

        Exchange x = kit.send(Transport.LONG_CONNECTION, click);

        assertEquals("Working on it…", x.replyJson().getJsonObject("toast").getString("content"));
        JsonObject card = kit.awaitCardUpdate(click, Duration.ofSeconds(15)).orElseThrow(() -> new AssertionError("no update"));
        assertEquals("Approvals report", card.getJsonObject("header").getJsonObject("title").getString("content"));
    }

    @Test
    void aLinkToARequestGetsAnInlineTitle() throws InterruptedException {
        assertTrue(kit.awaitConnected(Duration.ofSeconds(20)), "larkee connected to the simulator");
        Exchange x = kit.send(Transport.LONG_CONNECTION, kit.payloads().urlPreview("https://approvals.example.com/r/7"));

        assertEquals(200, x.status(), () -> "answered: " + x);
        assertEquals("Approval request https://approvals.example.com/r/7",
                x.replyJson().getJsonObject("inline").getString("title"));
    }

    @Test
    void aMessageEventReachesItsObserver() {
        JsonObject message = kit.payloads().v2("im.message.receive_v1",
                Json.createObjectBuilder().add("message", Json.createObjectBuilder().add("message_id", "om_1")).build());

        Exchange x = kit.send(Transport.WEBHOOK, message);

        assertEquals(200, x.status(), () -> "answered: " + x);
        assertTrue(requests.messages().contains(x.eventId()), () -> "observed: " + requests.messages());
    }

    // --- From outside: the URLs, and the application's own REST API beside larkee's ---

    @Test
    @RunAsClient
    void larkeesWebhookAnswersWhereWebXmlMovedIt(@ArquillianResource URL base) throws Exception {
        HttpResponse<String> moved = post(base, "feishu/webhook/event", "{}");
        assertEquals(401, moved.statusCode(), moved::body);
        assertTrue(moved.body().contains("\"check\":\"signature\""), moved::body);

        assertEquals(404, post(base, "api/webhook/event", "{}").statusCode(), "nothing at larkee's default path");
    }

    @Test
    @RunAsClient
    void theApplicationsOwnResourceKeepsItsOwnErrors(@ArquillianResource URL base) throws Exception {
        HttpResponse<String> missing = get(base, "rest/requests/nope");
        assertEquals(404, missing.statusCode());
        assertEquals("no approval request nope", missing.body(), "the application's own mapper, not larkee's JSON");

        HttpResponse<String> broken = get(base, "rest/requests/broken");
        assertEquals(500, broken.statusCode());
        assertFalse(broken.body().contains("\"check\""), () -> "not rewritten by larkee: " + broken.body());
    }

    @Test
    @RunAsClient
    void larkeesResourcesThatTheApplicationsRestPathPicksUpAnswer404There(@ArquillianResource URL base) throws Exception {
        // ApprovalsApplication lists no classes, so Jakarta REST hands it larkee's resource classes too:
        // reachable under /rest, they answer 404, and larkee's checks stay in front of the real URLs.
        HttpResponse<String> webhook = post(base, "rest/webhook/event", "{}");
        assertEquals(404, webhook.statusCode(), webhook::body);
        HttpResponse<String> console = get(base, "rest/simulator/console/state");
        assertEquals(404, console.statusCode(), console::body);
    }

    private static HttpResponse<String> post(URL base, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(base, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> get(URL base, String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(base, path)).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Over loopback: the simulator answers loopback clients only, and Payara reports its LAN address. */
    private static URI uri(URL base, String path) {
        return URI.create("http://127.0.0.1:" + base.getPort() + base.getPath() + path);
    }
}
