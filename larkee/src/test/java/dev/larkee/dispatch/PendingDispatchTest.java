package dev.larkee.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.callback.CardAction;
import dev.larkee.callback.CardActionReply;
import dev.larkee.callback.Toast;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PendingDispatchTest {

    private final DeadlineWatch timers = new DeadlineWatch();
    private final Thread watchThread = new Thread(timers, "test-deadline-watch");

    {
        watchThread.setDaemon(true);
        watchThread.start();
    }
    private final DispatchStatistics statistics = new DispatchStatistics();
    private final DeliveredEvents delivered = new DeliveredEvents();

    @AfterEach
    void stop() {
        timers.stop();
    }

    private static CardAction card() {
        JsonObject body = Json.createReader(new StringReader("{\"schema\":\"2.0\",\"header\":{\"event_id\":\"e1\","
                + "\"event_type\":\"card.action.trigger\"},\"event\":{\"action\":{\"value\":{}}}}")).readObject();
        return new CardAction(body);
    }

    private PendingDispatch pending(CardAction card, long deadlineMs) {
        return new PendingDispatch(card, "CardAction|" + card.id(), true, System.nanoTime(), deadlineMs, statistics, timers, delivered);
    }

    @Test
    void aReplyInTimeIsWrittenAsJson() {
        CardAction card = card();
        PendingDispatch p = pending(card, 1000);
        card.reply(CardActionReply.toast(Toast.info("hi")));
        DispatchResult r = p.await();
        assertEquals(DispatchResult.Outcome.REPLIED, r.outcome());
        assertEquals("{\"toast\":{\"type\":\"info\",\"content\":\"hi\"}}", r.replyJson());
    }

    @Test
    void pastTheDeadlineTheFallbackIsSentAndTheLateReplyIsCounted() {
        CardAction card = card();
        PendingDispatch p = pending(card, 50);
        CompletableFuture<CardActionReply> later = new CompletableFuture<>();
        card.replyLater(later);
        DispatchResult r = p.await();
        assertEquals(DispatchResult.Outcome.LATE, r.outcome());
        assertEquals("{}", r.replyJson());
        assertTrue(r.elapsedMs() >= 50 && r.elapsedMs() < 1000, "elapsed " + r.elapsedMs());
        later.complete(CardActionReply.toast(Toast.info("too late")));
        assertEquals(1, statistics.lateReplies());
        assertEquals(1, statistics.count(DispatchResult.Outcome.LATE));
    }

    @Test
    void theAsyncPathSettlesOnTheTimerWithoutBlockingAnyone() throws InterruptedException {
        CardAction card = card();
        PendingDispatch p = pending(card, 30);
        CountDownLatch settled = new CountDownLatch(1);
        AtomicReference<DispatchResult> result = new AtomicReference<>();
        p.whenSettled(r -> {
            result.set(r);
            settled.countDown();
        });
        assertTrue(settled.await(2, TimeUnit.SECONDS));
        assertEquals(DispatchResult.Outcome.LATE, result.get().outcome());
    }

    @Test
    void aFailedObserverIsAFailureNotASilentEmptyReply() {
        CardAction card = card();
        PendingDispatch p = pending(card, 1000);
        card.settlement().completeExceptionally(new IllegalStateException("boom"));
        DispatchResult r = p.await();
        assertEquals(DispatchResult.Outcome.FAILED, r.outcome());
        assertTrue(r.outcome().failed());
        assertEquals("e1", r.id());
    }

    @Test
    void noReplyToACallbackIsAnEmptyObject() {
        CardAction card = card();
        PendingDispatch p = pending(card, 1000);
        card.settlement().complete(dev.larkee.callback.Callback.NO_REPLY);
        assertEquals("{}", p.await().replyJson());
    }

    @Test
    void onlySucceededDeliveriesAreRememberedForDeDuplication() {
        CardAction ok = card();
        pending(ok, 1000);
        ok.reply(CardActionReply.toast(Toast.info("first")));
        assertEquals("{\"toast\":{\"type\":\"info\",\"content\":\"first\"}}", delivered.previousReply("CardAction|e1").orElseThrow());

        DeliveredEvents fresh = new DeliveredEvents();
        CardAction failing = card();
        new PendingDispatch(failing, "CardAction|" + failing.id(), true, System.nanoTime(), 1000, statistics, timers, fresh);
        failing.settlement().completeExceptionally(new IllegalStateException("boom"));
        assertTrue(fresh.previousReply("CardAction|e1").isEmpty(), "a failed delivery must run again when retried");
    }

    @Test
    void theWatchExpiresOnlyWhatIsDueAndDropsWhatSettled() {
        DeadlineWatch watch = new DeadlineWatch();
        CardAction answered = card();
        PendingDispatch early = new PendingDispatch(answered, "CardAction|" + answered.id(), true, System.nanoTime(), 50, statistics, watch, delivered);
        early.whenSettled(r -> { });
        CardAction silent = card();
        PendingDispatch late = new PendingDispatch(silent, "CardAction|" + silent.id(), true, System.nanoTime(), 50, statistics, watch, delivered);
        late.whenSettled(r -> { });
        answered.reply(CardActionReply.toast(Toast.info("in time")));
        assertEquals(0, watch.expireDue(System.nanoTime()), "nothing is due yet");
        assertEquals(1, watch.size(), "the answered one left the watch, the silent one waits");
        assertEquals(1, watch.expireDue(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(60)));
        assertEquals(0, watch.size());
        assertEquals(DispatchResult.Outcome.LATE, late.await().outcome());
        assertEquals(DispatchResult.Outcome.REPLIED, early.await().outcome());
    }

    @Test
    void aReDeliveryAfterALateReplyGetsTheFallbackThePlatformGotNotTheLateReply() {
        CardAction card = card();
        PendingDispatch p = pending(card, 20);
        p.expire(); // the deadline passed: the platform got {}
        card.reply(CardActionReply.toast(Toast.info("too late")));
        assertEquals(DispatchResult.Outcome.LATE, p.await().outcome());
        assertEquals("{}", delivered.previousReply("CardAction|e1").orElseThrow());
    }

    @Test
    void aDispatchWatchedAfterTheWatchStoppedIsSettledAtOnce() {
        DeadlineWatch stopped = new DeadlineWatch();
        stopped.stop();
        CardAction card = card();
        PendingDispatch p = new PendingDispatch(card, "CardAction|e1", true, System.nanoTime(), 60_000, statistics, stopped, delivered);
        AtomicReference<DispatchResult> seen = new AtomicReference<>();
        p.whenSettled(seen::set);
        assertEquals(DispatchResult.Outcome.LATE, seen.get().outcome(), "undeploy must not leave a request hanging");
    }

    @Test
    void fallbacksAreAnsweredOffTheWatchThreadSoOneSlowClientDelaysNoOther() throws Exception {
        CountDownLatch slowWriteStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            DeadlineWatch watch = new DeadlineWatch(pool);
            CardAction slow = card();
            PendingDispatch first = new PendingDispatch(slow, "a", true, System.nanoTime(), 10, statistics, watch, delivered);
            first.whenSettled(r -> {
                slowWriteStarted.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS); // a client that does not read its answer
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            CardAction other = card();
            PendingDispatch second = new PendingDispatch(other, "b", true, System.nanoTime(), 10, statistics, watch, delivered);
            CountDownLatch secondAnswered = new CountDownLatch(1);
            second.whenSettled(r -> secondAnswered.countDown());
            assertEquals(2, watch.expireDue(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20)));
            assertTrue(slowWriteStarted.await(5, TimeUnit.SECONDS));
            assertTrue(secondAnswered.await(5, TimeUnit.SECONDS), "the second fallback waited for the first client");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
