package dev.larkee.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** What larkee keeps from the wire is bounded, and de-duplication keys by what the platform makes unique. */
class WireBoundsTest {

    private static JsonObject event(String id, String type) {
        return Json.createReader(new StringReader("{\"schema\":\"2.0\",\"header\":{\"event_id\":\"" + id
                + "\",\"event_type\":\"" + type + "\"},\"event\":{}}")).readObject();
    }

    @Test
    void unobservedTypesAreRememberedUpToTheirCapAndStillCounted() {
        DispatchStatistics statistics = new DispatchStatistics();
        for (int i = 0; i < DispatchStatistics.MAX_UNOBSERVED_TYPES * 4; i++) {
            statistics.firstUnobserved("type." + i);
        }
        assertEquals(DispatchStatistics.MAX_UNOBSERVED_TYPES, statistics.unobservedTypes().size());
        assertFalse(statistics.firstUnobserved("one.more"));
    }

    @Test
    void theSameIdUnderAnotherTypeIsAnotherDelivery() {
        Inbound card = Inbound.classify(event("e1", "card.action.trigger"), Inbound.Endpoint.EVENTS);
        Inbound preview = Inbound.classify(event("e1", "url.preview.get"), Inbound.Endpoint.EVENTS);
        assertNotEquals(card.deduplicationKey(), preview.deduplicationKey());
        assertEquals(card.deduplicationKey(), Inbound.classify(event("e1", "card.action.trigger"),
                Inbound.Endpoint.EVENTS).deduplicationKey());
    }

    @Test
    void idsAndTypesAreBoundedAndPlain() {
        assertEquals(Inbound.Kind.EVENT_V2, Inbound.classify(event("x".repeat(Inbound.MAX_ID_CHARS), "t"),
                Inbound.Endpoint.EVENTS).kind());
        for (JsonObject bad : new JsonObject[] {event("x".repeat(Inbound.MAX_ID_CHARS + 1), "t"),
                event("e1", "t".repeat(Inbound.MAX_TYPE_CHARS + 1)), event("e1", "a\\nb"), event("e\\u0000", "t"),
                event("", "t"), event("e1", "ok type")}) {
            Inbound i = Inbound.classify(bad, Inbound.Endpoint.EVENTS);
            assertEquals(Inbound.Kind.UNKNOWN, i.kind(), bad.toString().substring(0, 60));
            assertTrue(i.problem().length() < 200);
        }
    }
}
