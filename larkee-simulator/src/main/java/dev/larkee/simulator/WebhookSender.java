package dev.larkee.simulator;

import dev.larkee.LarkeePaths;
import dev.larkee.configuration.LarkeeConfiguration;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The simulator's webhook half: POSTs a callback to larkee's own webhook URLs on this server,
 * encrypted and signed with the app's (simulated) credentials, exactly as the platform would, and
 * records the exchange.
 */
@ApplicationScoped
public class WebhookSender {

    @Inject
    SimulatedOpenApi openApi;

    @Inject
    LarkeeConfiguration configuration;

    @Inject
    ServletContext servletContext;

    @Inject
    ExchangeLog log;

    private Client client;

    private synchronized Client client() {
        if (client == null) {
            client = ClientBuilder.newBuilder().connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS).build();
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }

    /** Sends an event or new-style callback to the event URL. */
    public Exchange sendEvent(JsonObject plaintext) {
        WebhookRequest.Builder b = WebhookRequest.event(plaintext.toString());
        configuration.encryptKey().ifPresent(k -> b.encryptKey(k.reveal()));
        return send(configuration.eventPath(), b.build(), plaintext);
    }

    /** Sends a legacy message-card action to the card URL, signed with the Verification Token. */
    public Exchange sendLegacyCard(JsonObject plaintext) {
        WebhookRequest.Builder b = WebhookRequest.legacyCard(plaintext.toString())
                .verificationToken(configuration.verificationToken().reveal());
        configuration.encryptKey().ifPresent(k -> b.encryptKey(k.reveal()));
        return send(configuration.cardPath(), b.build(), plaintext);
    }

    private Exchange send(String path, WebhookRequest request, JsonObject plaintext) {
        openApi.sawCallback(plaintext);
        String url = "http://127.0.0.1:" + configuration.httpPort() + servletContext.getContextPath() + LarkeePaths.apiPath(servletContext) + "/webhook/" + path;
        Invocation.Builder call = client().target(url).request();
        request.headers().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Type")) {
                call.header(k, v);
            }
        });
        long start = System.nanoTime();
        Exchange exchange;
        try (Response r = call.post(Entity.entity(request.body(), "application/json; charset=utf-8"))) {
            String body = r.readEntity(String.class);
            exchange = new Exchange(Instant.now(), Exchange.WEBHOOK, typeOf(plaintext), idOf(plaintext), r.getStatus(),
                    body, elapsedMs(start), null);
        } catch (ProcessingException e) {
            exchange = new Exchange(Instant.now(), Exchange.WEBHOOK, typeOf(plaintext), idOf(plaintext), -1, null,
                    elapsedMs(start), "webhook POST failed: " + e.getClass().getSimpleName()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getClass().getSimpleName() + ")"));
        }
        log.add(exchange);
        return exchange;
    }

    private static long elapsedMs(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** The dispatch key of a plaintext body, for the exchange list. */
    static String typeOf(JsonObject p) {
        if (p.get("header") instanceof JsonObject header) {
            return header.getString("event_type", "");
        }
        if (p.get("event") instanceof JsonObject e) {
            return e.getString("type", "");
        }
        if ("url_verification".equals(p.getString("type", ""))) {
            return "url_verification";
        }
        return p.containsKey("action") ? "card.legacy" : "";
    }

    static String idOf(JsonObject p) {
        if (p.get("header") instanceof JsonObject h) {
            return h.getString("event_id", "");
        }
        return p.getString("uuid", "");
    }
}
