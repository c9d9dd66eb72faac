package dev.larkee.webhook;

import dev.larkee.configuration.LarkeeConfiguration;
import dev.larkee.dispatch.Dispatcher;
import dev.larkee.dispatch.PendingDispatch;
import dev.larkee.dispatch.Inbound;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The webhook URLs: {@code POST /api/webhook/{larkee.webhook.event-path}} for events and new
 * callbacks, {@code POST /api/webhook/{larkee.webhook.card-path}} for legacy message cards. Thin:
 * read the raw bytes, verify, hand to the dispatcher, answer. Every refusal is a short JSON body
 * naming the failed check.
 */
@ApplicationScoped
@Path("webhook")
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class.getName());
    static final String JSON_UTF8 = "application/json; charset=utf-8";

    @Inject
    LarkeeConfiguration configuration;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Clock clock;

    private WebhookVerifier verifier;
    @Inject
    WebhookRefusals refusals;

    @PostConstruct
    void init() {
        // Only a webhook that is on has a Verification Token to build the verifier with; an app on the
        // long connection alone answers 404 below.
        if (configuration.webhookEnabled()) {
            verifier = new WebhookVerifier(configuration.encryptKey().map(s -> s.reveal()),
                    configuration.verificationToken().reveal(), configuration.replayWindowSeconds(),
                    configuration.eventReplayWindowSeconds(), clock);
        }
    }

    // No @Produces: every answer sets its own JSON type, and the platform's Accept header must not matter.
    @POST
    @Path("{endpoint}")
    @Consumes(MediaType.WILDCARD)
    public void receive(@Suspended AsyncResponse async, @PathParam("endpoint") String path,
            @Context HttpHeaders headers, @Context HttpServletRequest request) {
        if (!configuration.webhookEnabled()) {
            async.resume(WebhookResponses.error(404, "path", "the webhook is off: " + LarkeeConfiguration.VERIFICATION_TOKEN
                    + " is not set, or " + LarkeeConfiguration.WEBHOOK_ENABLED + "=false"));
            return;
        }
        Inbound.Endpoint endpoint = endpointFor(path);
        if (endpoint == null) {
            async.resume(WebhookResponses.error(404, "path", "no webhook at this path"));
            return;
        }
        try {
            if (!(request.getAttribute(WebhookBodyReader.BODY) instanceof byte[] raw)) {
                // Only WebhookBodyReader reads webhook bodies (without pinning a thread); a path it did
                // not take for a webhook URL is none.
                async.resume(WebhookResponses.error(404, "path", "no webhook at this path"));
                return;
            }
            Inbound inbound = verifier.verify(endpoint, new SignedRequest(raw,
                    headers.getHeaderString("X-Lark-Request-Timestamp"), headers.getHeaderString("X-Lark-Request-Nonce"),
                    headers.getHeaderString("X-Lark-Signature")));
            if (inbound.kind() == Inbound.Kind.URL_VERIFICATION) {
                String challenge = ((JsonString) inbound.body().get("challenge")).getString();
                LOG.info(() -> "larkee: answered URL verification on " + endpoint + " (request " + RequestRef.of(headers) + ")");
                async.resume(WebhookResponses.json(200, WebhookResponses.JSON.createObjectBuilder().add("challenge", challenge).build().toString()));
                return;
            }
            // The HTTP thread is released here; whichever settles the dispatch (the observer's thread,
            // or the deadline watch with the fallback) writes the answer.
            PendingDispatch pending = dispatcher.dispatch(inbound);
            pending.whenSettled(result -> {
                async.resume(WebhookResponses.of(result));
                pending.markAnswered();
            });
        } catch (WebhookRejection r) {
            Level level = r.status() >= 500 ? Level.SEVERE : Level.INFO;
            refusals.refused(level, r.check(), () -> "larkee: webhook " + endpoint + " refused request "
                    + RequestRef.of(headers) + " with " + r.status() + " (" + r.check() + "): " + r.detail());
            async.resume(WebhookResponses.error(r.status(), r.check(), r.getMessage()));
        }
    }

    private Inbound.Endpoint endpointFor(String path) {
        if (path.equals(configuration.eventPath())) {
            return Inbound.Endpoint.EVENTS;
        }
        return path.equals(configuration.cardPath()) ? Inbound.Endpoint.LEGACY_CARDS : null;
    }
}
