package dev.larkee.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeliveredEventsTest {

    @Test
    void staysBoundedAndEvictsInBulkUnderAFlood() {
        LocalDeliveries d = new LocalDeliveries();
        int max = LocalDeliveries.MAX_ENTRIES;
        for (int i = 0; i < max * 3; i++) {
            d.remember("id-" + i, "{}");
            assertTrue(d.size() <= max, "size " + d.size());
        }
        assertEquals(max, d.size(), "the oldest are forgotten one by one, never everything");
        assertTrue(d.previousReply("id-0").isEmpty(), "the oldest id was forgotten first");
        assertEquals("{}", d.previousReply("id-" + (max * 3 - 1)).orElseThrow(), "the newest id is remembered");
    }

    @Test
    void eventsWithoutAnIdAreNeverDeduplicated() {
        LocalDeliveries local = new LocalDeliveries();
        DeliveredEvents d = new DeliveredEvents(local);
        d.remember("", "{}");
        assertTrue(d.previousReply("").isEmpty());
        assertEquals(DeliveryStore.Seen.NEW, d.claim("").seen());
        assertEquals(DeliveryStore.Seen.NEW, d.claim("").seen());
        assertEquals(0, local.size());
    }

    @Test
    void longRepliesAreNotKept() {
        DeliveredEvents d = new DeliveredEvents();
        d.remember("big", "x".repeat(DeliveryStore.MAX_REPLY_CHARS + 1));
        assertEquals("", d.previousReply("big").orElseThrow());
    }

    @Test
    void aDeliveryIsClaimedWhileItsFirstHandlingRunsThenAnsweredAsTheFirstTime() {
        DeliveredEvents d = new DeliveredEvents();
        assertEquals(DeliveryStore.Seen.NEW, d.claim("CardAction|e1").seen());
        assertEquals(DeliveryStore.Seen.IN_FLIGHT, d.claim("CardAction|e1").seen(), "again while the first runs");
        assertTrue(d.previousReply("CardAction|e1").isEmpty(), "no reply while in flight");
        d.remember("CardAction|e1", "{\"toast\":{}}");
        DeliveryStore.Claim again = d.claim("CardAction|e1");
        assertEquals(DeliveryStore.Seen.DONE, again.seen());
        assertEquals("{\"toast\":{}}", again.reply());
        d.release("CardAction|e1");
        assertEquals(DeliveryStore.Seen.DONE, d.claim("CardAction|e1").seen(), "release never forgets a success");
    }

    @Test
    void aFailedHandlingLetsGoSoARetryRunsTheObserversAgain() {
        DeliveredEvents d = new DeliveredEvents();
        assertEquals(DeliveryStore.Seen.NEW, d.claim("PlatformEvent|e2").seen());
        d.release("PlatformEvent|e2");
        assertEquals(DeliveryStore.Seen.NEW, d.claim("PlatformEvent|e2").seen());
        assertEquals(DeliveryStore.Seen.NEW, d.claim("").seen(), "no id: never claimed");
        assertEquals(DeliveryStore.Seen.NEW, d.claim("").seen());
    }
}
