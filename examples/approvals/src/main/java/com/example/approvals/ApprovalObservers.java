package com.example.approvals;

import dev.larkee.callback.Card;
import dev.larkee.callback.CardAction;
import dev.larkee.callback.CardActionReply;
import dev.larkee.callback.EventType;
import dev.larkee.callback.Inline;
import dev.larkee.callback.PlatformEvent;
import dev.larkee.callback.Toast;
import dev.larkee.callback.UrlPreview;
import dev.larkee.callback.UrlPreviewReply;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What this application does with Feishu: plain CDI observers, whichever transport larkee uses. */
@ApplicationScoped
public class ApprovalObservers {

    @Inject
    ApprovalRequests requests;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** How long the "report" button's work takes (10 s; the tests shorten it). */
    @Inject
    @ConfigProperty(name = "approvals.report-seconds", defaultValue = "10")
    long reportSeconds;

    /** "Approve" / "Reject" on an approval card: a toast for the clicker, and the card updated for everyone. */
    void onDecision(@Observes CardAction click) {
        String decision = click.action().valueField("decision").orElse("unknown");
        if (decision.equals("report")) {
            // Longer than the platform's 3 seconds: answer now, update the card when the work is done.
            click.reply(CardActionReply.toast(Toast.info("Working on it…")));
            scheduler.schedule(() -> click.updateCard(reportCard()), reportSeconds, TimeUnit.SECONDS);
            return;
        }
        String request = click.action().valueField("request").orElse("?");
        requests.decide(request, decision);
        click.reply(new CardActionReply(
                Toast.success("Request " + request + ": " + decision),
                Card.raw(decidedCard(request, decision))));
    }

    /** A link to an approval request pasted in a chat: an inline title instead of a bare URL. */
    void onLink(@Observes UrlPreview preview) {
        preview.reply(UrlPreviewReply.inline(Inline.title("Approval request " + preview.url())));
    }

    /** A message sent to the bot: kept, so a later request can be matched to it. */
    void onMessage(@Observes @EventType("im.message.receive_v1") PlatformEvent message) {
        requests.messageReceived(message.id());
    }

    private static JsonObject reportCard() {
        return Json.createObjectBuilder()
                .add("header", Json.createObjectBuilder().add("title",
                        Json.createObjectBuilder().add("tag", "plain_text").add("content", "Approvals report")))
                .add("elements", Json.createArrayBuilder().add(Json.createObjectBuilder().add("tag", "div")
                        .add("text", Json.createObjectBuilder().add("tag", "plain_text").add("content", "ready"))))
                .build();
    }

    private static JsonObject decidedCard(String request, String decision) {
        return Json.createObjectBuilder()
                .add("header", Json.createObjectBuilder().add("title",
                        Json.createObjectBuilder().add("tag", "plain_text").add("content", "Request " + request)))
                .add("elements", Json.createArrayBuilder().add(Json.createObjectBuilder().add("tag", "div")
                        .add("text", Json.createObjectBuilder().add("tag", "plain_text").add("content", decision))))
                .build();
    }
}
