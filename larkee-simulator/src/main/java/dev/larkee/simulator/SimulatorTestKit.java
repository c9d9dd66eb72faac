package dev.larkee.simulator;

import dev.larkee.configuration.LarkeeConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The simulator as a test kit for observer beans: inject it in an in-container test of a WAR
 * deployed with {@code larkee.simulator.enabled=true} and no credentials, build a callback with {@link #payloads()}, {@link #send} it by
 * either transport, and assert on the reply.
 *
 * <pre>{@code
 * @Inject SimulatorTestKit kit;
 *
 * kit.awaitConnected(Duration.ofSeconds(10));
 * Exchange x = kit.send(Transport.LONG_CONNECTION, kit.payloads().cardAction(Json.createValue("approve")));
 * assertEquals("info", x.replyJson().getJsonObject("toast").getString("type"));
 * }</pre>
 */
@ApplicationScoped
public class SimulatorTestKit {

    /** How a callback travels. */
    public enum Transport {
        LONG_CONNECTION, WEBHOOK
    }

    /** How long {@link #send} waits for larkee's answer: past the platform's 3 s it is a failure anyway. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

    @Inject
    LarkeeConfiguration configuration;

    @Inject
    PlatformSimulator simulator;

    @Inject
    WebhookSender webhook;

    @Inject
    ExchangeLog log;

    @Inject
    SimulatedOpenApi openApi;

    /**
     * The larkee-simulator jar on the test class path, to add to a test deployment of an application
     * built without it: {@code ShrinkWrap.createFromZipFile(WebArchive.class, war).addAsLibraries(SimulatorTestKit.jar())}.
     * Fails when the simulator's classes do not come from a jar (run the tests through Maven's
     * {@code verify}, which packages first).
     */
    public static File jar() {
        try {
            File jar = new File(SimulatorTestKit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!jar.isFile()) {
                throw new IllegalStateException("larkee-simulator's classes come from " + jar
                        + ", not a jar: run the integration tests with 'mvn verify'");
            }
            return jar;
        } catch (URISyntaxException | SecurityException e) {
            throw new IllegalStateException("cannot locate the larkee-simulator jar", e);
        }
    }

    /** The simulated open API: card updates larkee sent, scenario controls. */
    public SimulatedOpenApi openApi() {
        return openApi;
    }

    /**
     * Waits (at most {@code timeout}) until larkee has updated the card of the card action
     * {@code payload} through the open API; the card as it now stands.
     */
    public Optional<JsonObject> awaitCardUpdate(JsonObject payload, Duration timeout) throws InterruptedException {
        String token = payload.getJsonObject("event").getString("token");
        return openApi.awaitUpdate(token, timeout).map(SimulatedOpenApi.CardUpdateRecord::card);
    }

    /** Callback bodies for the app larkee runs as (its id and Verification Token filled in). */
    public CallbackPayloads payloads() {
        return new CallbackPayloads(configuration.appId(), configuration.verificationToken().reveal());
    }

    /** The webhook sender: signed and encrypted POSTs to larkee's own webhook URLs. */
    public WebhookSender webhook() {
        return webhook;
    }

    /** The platform side of the long connection, for scenario controls. */
    public PlatformSimulator platform() {
        return simulator;
    }

    /** Sends {@code payload} by {@code transport} and waits for larkee's answer (at most {@link #ANSWER_TIMEOUT}). */
    public Exchange send(Transport transport, JsonObject payload) {
        return transport == Transport.WEBHOOK ? webhook.sendEvent(payload) : longConnection(payload);
    }

    /** Waits until larkee has at least one simulated connection open. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return simulator.await(s -> !s.connections().isEmpty(), timeout);
    }

    /** Pushes {@code payload} over the long connection and waits for the ack. */
    public Exchange longConnection(JsonObject payload) {
        String type = WebhookSender.typeOf(payload);
        String id = WebhookSender.idOf(payload);
        long start = System.nanoTime();
        Exchange x;
        try {
            Delivery delivery = simulator.push(Push.event(payload.toString()));
            Ack ack = delivery.ack().get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            x = new Exchange(Instant.now(), Exchange.LONG_CONNECTION, type, id, ack.code(), ack.data(),
                    ack.latency().toMillis(), ack.problems().isEmpty() ? null : String.join("; ", ack.problems()));
        } catch (IllegalStateException e) {
            x = failed(type, id, start, "larkee is not connected to the simulator yet");
        } catch (TimeoutException e) {
            x = failed(type, id, start, "no acknowledgement within " + ANSWER_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException | IOException e) {
            x = failed(type, id, start, "the connection closed before the acknowledgement");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            x = failed(type, id, start, "interrupted");
        }
        log.add(x);
        return x;
    }

    private static Exchange failed(String type, String id, long start, String problem) {
        return new Exchange(Instant.now(), Exchange.LONG_CONNECTION, type, id, -1, null,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), problem);
    }

    /** Drops every open simulated connection (a close frame 1001, as a platform restart would). */
    public int dropConnections() {
        int n = 0;
        for (ConnectionInfo c : simulator.connections()) {
            try {
                simulator.close(c.deviceId(), 1001, "simulator: connection dropped");
                n++;
            } catch (IOException | IllegalArgumentException e) {
                // Already gone: nothing to drop.
            }
        }
        return n;
    }

    /** Stops or resumes answering pings on every open connection. */
    public int answerPings(boolean answer) {
        int n = 0;
        for (ConnectionInfo c : simulator.connections()) {
            simulator.answerPings(c.deviceId(), answer);
            n++;
        }
        return n;
    }
}
