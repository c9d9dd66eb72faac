package dev.larkee.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeliveredEventsTest {

    @Test
    void staysBoundedAndEvictsInBulkUnderAFlood() {
        DeliveredEvents d = new DeliveredEvents();
        int max = DeliveredEvents.MAX_ENTRIES;
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
        DeliveredEvents d = new DeliveredEvents();
        d.remember("", "{}");
        assertTrue(d.previousReply("").isEmpty());
        assertEquals(0, d.size());
    }

    @Test
    void longRepliesAreNotKept() {
        DeliveredEvents d = new DeliveredEvents();
        d.remember("big", "x".repeat(DeliveredEvents.MAX_REPLY_CHARS + 1));
        assertEquals("", d.previousReply("big").orElseThrow());
    }
}
