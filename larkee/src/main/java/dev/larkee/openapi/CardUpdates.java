package dev.larkee.openapi;

import dev.larkee.callback.Callback;
import dev.larkee.callback.Card;
import dev.larkee.callback.CardAction;
import dev.larkee.callback.CardActionReply;
import dev.larkee.callback.CardUpdate;
import dev.larkee.callback.CardUpdate.Result;
import dev.larkee.callback.CardUpdater;
import dev.larkee.configuration.LarkeeConfiguration;
import dev.larkee.configuration.Secret;
import dev.larkee.dispatch.ObserverExecutors;
import dev.larkee.dispatch.WireText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Later card updates (spec open-api §2): {@code POST /open-apis/interactive/v1/card/update} with the
 * callback's card token, sent only once the callback itself was answered. The platform's rules are
 * checked before anything is sent (token life and uses, card size, the app's rate); what can succeed
 * later (network errors, 5xx, rate limiting) is retried with back-off within the token's life, and
 * an invalid tenant token is replaced once. Every update ends in a {@link CardUpdate}, never an
 * exception. Inject it, or call {@link CardAction#updateCard}.
 */
@ApplicationScoped
public class CardUpdates implements CardUpdater {

    static final String PATH = "/open-apis/interactive/v1/card/update";
    static final int MAX_CARD_BYTES = 30 * 1024;
    /** The platform's codes for an invalid or expired tenant access token. */
    static final Set<Long> INVALID_TENANT_TOKEN = Set.of(99991661L, 99991663L, 99991668L);
    /** The platform's code for "request trigger frequency limit". */
    static final long RATE_LIMITED = 99991400L;
    static final int MAX_ATTEMPTS = 5;
    static final long FIRST_BACKOFF_MS = 250;
    /** How long an update waits for the transport to confirm the callback's answer went out. */
    static final long ANSWER_WAIT_MS = LarkeeConfiguration.PLATFORM_DEADLINE_MS + 2000;

    private static final Logger LOG = Logger.getLogger(CardUpdates.class.getName());

    @Inject
    LarkeeConfiguration configuration;

    @Inject
    OpenApi openApi;

    @Inject
    TenantToken tenantToken;

    @Inject
    OpenApiStatistics statistics;

    @Inject
    ObserverExecutors executors;

    @Inject
    Clock clock;

    private final CardUpdateLimits limits = new CardUpdateLimits();

    @Override
    public CompletionStage<CardUpdate> update(CardAction action, JsonObject card) {
        return update(action.token(), card, action.receivedAt(), action.answered());
    }

    /**
     * Updates the card of a callback answered earlier, whose token the application kept:
     * {@code receivedAt} is when that callback arrived ({@link Callback#receivedAt()}).
     */
    public CompletionStage<CardUpdate> update(String cardToken, JsonObject card, Instant receivedAt) {
        return update(cardToken, card, receivedAt, CompletableFuture.completedFuture(null));
    }

    /**
     * A reply that missed the deadline: the platform got the fallback, so a card in it goes out as an
     * update (a late toast cannot be shown any more; the dispatcher has logged and counted it).
     */
    public void lateReply(Callback<?> callback, Object reply) {
        if (!(callback instanceof CardAction action) || !(reply instanceof CardActionReply r) || r.card() == null) {
            return;
        }
        statistics.lateCards.increment();
        update(action, json(r.card())).thenAccept(outcome -> {
            if (outcome.updated()) {
                LOG.info(() -> "larkee: the late card for event '" + WireText.forLog(action.id())
                        + "' went out as a card update");
            } else {
                LOG.warning(() -> "larkee: the late card for event '" + WireText.forLog(action.id())
                        + "' could not be sent as an update: " + outcome.result() + " (" + outcome.message() + ")");
            }
        });
    }

    CompletionStage<CardUpdate> update(String token, JsonObject card, Instant receivedAt, CompletionStage<Void> answered) {
        statistics.updateRequests.increment();
        CompletableFuture<CardUpdate> outcome = new CompletableFuture<>();
        outcome.thenAccept(statistics::outcome);
        Optional<CardUpdate> refused = check(token, card, receivedAt);
        // The use is counted here, once the other checks passed: a refused update costs none.
        if (refused.isPresent() || !limits.use(token)) {
            outcome.complete(refused.orElse(CardUpdate.of(Result.TOKEN_USED_UP,
                    "the card token was used for " + CardUpdateLimits.USES_PER_TOKEN + " updates already")));
            return outcome;
        }
        JsonObject body = Json.createObjectBuilder().add("token", token).add("card", card).build();
        Instant expires = receivedAt.plusSeconds(configuration.cardTokenLifeSeconds());
        // Only after the callback's answer: an update sent before it may be overwritten by it.
        CompletableFuture<Void> gate = new CompletableFuture<>();
        answered.whenComplete((done, failure) -> gate.complete(null));
        gate.completeOnTimeout(null, ANSWER_WAIT_MS, TimeUnit.MILLISECONDS)
                .thenRunAsync(() -> attempt(new Attempt(token, body, expires, outcome), 1, false), executors.openApi())
                .exceptionally(full -> {
                    outcome.complete(CardUpdate.of(Result.FAILED, "larkee's open API queue is full"));
                    return null;
                });
        return outcome;
    }

    private Optional<CardUpdate> check(String token, JsonObject card, Instant receivedAt) {
        if (token == null || token.isBlank()) {
            return Optional.of(CardUpdate.of(Result.FAILED, "the callback carries no card token"));
        }
        int size = card.toString().getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_CARD_BYTES) {
            return Optional.of(CardUpdate.of(Result.TOO_LARGE, "the card is " + size + " bytes; the platform takes "
                    + MAX_CARD_BYTES));
        }
        if (!clock.instant().isBefore(receivedAt.plusSeconds(configuration.cardTokenLifeSeconds()))) {
            return Optional.of(expired());
        }
        return Optional.empty();
    }

    private CardUpdate expired() {
        return CardUpdate.of(Result.TOKEN_EXPIRED, "the card token is older than " + configuration.cardTokenLifeSeconds() + " s");
    }

    private record Attempt(String token, JsonObject body, Instant expires, CompletableFuture<CardUpdate> outcome) {
    }

    /** One try: a send slot, a tenant token, the call, and what its answer means. */
    private void attempt(Attempt a, int n, boolean tokenReplaced) {
        Instant now = clock.instant();
        if (!now.isBefore(a.expires())) {
            finish(a, expired(), n == 1);
            return;
        }
        Optional<Duration> wait = limits.takeSlot(now);
        if (wait.isPresent()) {
            if (!now.plus(wait.get()).isBefore(a.expires())) {
                finish(a, CardUpdate.of(Result.RATE_LIMITED, "the app's update rate (" + CardUpdateLimits.PER_SECOND
                        + "/s, " + CardUpdateLimits.PER_MINUTE + "/min) stays exceeded past the token's life"), n == 1);
            } else {
                later(() -> attempt(a, n, tokenReplaced), Math.max(1, wait.get().toMillis()), a);
            }
            return;
        }
        statistics.updateCalls.increment();
        tenantToken.get().thenCompose(bearer -> openApi.post(PATH, a.body(), bearer)
                        .thenApply(answer -> new Sent(bearer, answer)))
                .whenComplete((sent, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        if (cause instanceof TenantToken.TokenRefused refused) {
                            finish(a, new CardUpdate(Result.FAILED, refused.code(), refused.getMessage()), false);
                        } else {
                            retry(a, n, tokenReplaced, Result.FAILED, 0, "the platform could not be reached ("
                                    + cause.getMessage() + ")");
                        }
                        return;
                    }
                    answered(a, n, tokenReplaced, sent);
                });
    }

    private record Sent(Secret bearer, OpenApi.Answer answer) {
    }

    private void answered(Attempt a, int n, boolean tokenReplaced, Sent sent) {
        OpenApi.Answer answer = sent.answer();
        long code = answer.code();
        if (answer.status() == 200 && code == 0) {
            finish(a, new CardUpdate(Result.UPDATED, 0, "updated"), false);
        } else if (INVALID_TENANT_TOKEN.contains(code) && !tokenReplaced) {
            // Refresh once, retry once; a second rejection is a failure, not a loop.
            tenantToken.replace(sent.bearer()).whenComplete((t, f) -> attempt(a, n, true));
        } else if (answer.status() == 429 || code == RATE_LIMITED) {
            retry(a, n, tokenReplaced, Result.RATE_LIMITED, code, "rate limited by the platform");
        } else if (answer.status() >= 500) {
            retry(a, n, tokenReplaced, Result.FAILED, code, "the platform answered HTTP " + answer.status());
        } else {
            finish(a, new CardUpdate(Result.FAILED, code, "the platform refused the update: code " + code
                    + (answer.msg().isEmpty() ? "" : " (" + answer.msg() + ")")), false);
        }
    }

    /** Again after a back-off (0.25 s, 0.5 s, 1 s, …) while attempts and the token's life last. */
    private void retry(Attempt a, int n, boolean tokenReplaced, Result giveUp, long code, String why) {
        long backoff = FIRST_BACKOFF_MS << Math.min(n - 1, 6);
        if (n >= MAX_ATTEMPTS || !clock.instant().plusMillis(backoff).isBefore(a.expires())) {
            finish(a, new CardUpdate(giveUp, code, why + " (" + n + " attempts)"), false);
            return;
        }
        statistics.updateRetries.increment();
        later(() -> attempt(a, n + 1, tokenReplaced), backoff, a);
    }

    private void later(Runnable task, long delayMs, Attempt a) {
        try {
            executors.timers().schedule(() -> {
                try {
                    executors.openApi().execute(task);
                } catch (RejectedExecutionException e) {
                    finish(a, CardUpdate.of(Result.FAILED, "larkee's open API queue is full"), false);
                }
            }, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            finish(a, CardUpdate.of(Result.FAILED, "larkee is stopping"), false);
        }
    }

    /** Ends the update; {@code unsent} gives its token use back (nothing reached the platform). */
    private void finish(Attempt a, CardUpdate result, boolean unsent) {
        if (unsent) {
            limits.giveBack(a.token());
        }
        if (!a.outcome().complete(result) && LOG.isLoggable(Level.FINE)) {
            LOG.fine("larkee: a card update ended twice");
        }
    }

    /** The JSON the update API takes for {@code card}: a raw card as is, a template as {type, data}. */
    static JsonObject json(Card card) {
        return "raw".equals(card.type()) ? card.data()
                : Json.createObjectBuilder().add("type", card.type()).add("data", card.data()).build();
    }
}
