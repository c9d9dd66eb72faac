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
        assertTrue(d.size() >= max - max / 10, "eviction forgets a tenth at a time, not everything");
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
