package dev.larkee.it;

import dev.larkee.callback.Card;
import dev.larkee.callback.CardAction;
import dev.larkee.callback.CardActionReply;
import dev.larkee.callback.CardUpdate;
import dev.larkee.callback.Toast;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Card actions that outlive the deadline ({@code do=slow}) or update their card themselves ({@code do=explicit}). */
@ApplicationScoped
public class CardUpdateObservers {

    /** How long the slow observer works: past the test deployment's 400 ms deadline. */
    static final long SLOW_MS = 700;

    private final Map<String, Long> lateReplyNanos = new ConcurrentHashMap<>();
    private final Map<String, CompletionStage<CardUpdate>> explicitUpdates = new ConcurrentHashMap<>();

    // Methods, not fields: a test holds a CDI proxy, whose own fields are empty.
    Long lateReplyNanos(String cardToken) {
        return lateReplyNanos.get(cardToken);
    }

    CompletionStage<CardUpdate> explicitUpdate(String cardToken) {
        return explicitUpdates.get(cardToken);
    }

    void on(@Observes CardAction click) throws InterruptedException {
        switch (click.action().valueField("do").orElse("")) {
            case "slow" -> {
                Thread.sleep(SLOW_MS);
                lateReplyNanos.put(click.token(), System.nanoTime());
                click.reply(new CardActionReply(Toast.success("done"), Card.raw(card("report ready"))));
            }
            case "explicit" -> {
                // Asked for before the reply on purpose: the update still goes out only after the answer.
                explicitUpdates.put(click.token(), click.updateCard(card("finished")));
                click.reply(CardActionReply.toast(Toast.info("Working on it…")));
            }
            default -> {
                // not this test's
            }
        }
    }

    static JsonObject card(String text) {
        return Json.createObjectBuilder()
                .add("elements", Json.createArrayBuilder().add(Json.createObjectBuilder().add("tag", "div")
                        .add("text", Json.createObjectBuilder().add("tag", "plain_text").add("content", text))))
                .build();
    }
}
