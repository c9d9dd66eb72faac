package dev.larkee.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CardUpdateLimitsTest {

    private final CardUpdateLimits limits = new CardUpdateLimits();

    @Test
    void aTokenServesTwoUpdatesAndAUseNeverSentIsGivenBack() {
        assertTrue(limits.use("c-1"));
        assertTrue(limits.use("c-1"));
        assertFalse(limits.use("c-1"));
        limits.giveBack("c-1");
        assertTrue(limits.use("c-1"), "the use given back serves again");
        assertFalse(limits.use("c-1"));
        assertTrue(limits.use("c-2"), "other tokens are their own");
    }

    @Test
    void fiftyASecondThenWaitUntilTheOldestLeavesTheWindow() {
        Instant t0 = Instant.parse("2026-11-30T00:00:00Z");
        for (int i = 0; i < 50; i++) {
            assertEquals(Optional.empty(), limits.takeSlot(t0.plusMillis(i)));
        }
        assertEquals(Optional.of(Duration.ofMillis(900)), limits.takeSlot(t0.plusMillis(100)));
        assertEquals(Optional.empty(), limits.takeSlot(t0.plusMillis(1001)), "the first slot has freed");
    }

    @Test
    void aThousandAMinute() {
        Instant t = Instant.parse("2026-11-30T00:00:00Z");
        for (int i = 0; i < 1000; i++) {
            // 20 a second: never the per-second limit
            assertEquals(Optional.empty(), limits.takeSlot(t.plusMillis(i * 50L)));
        }
        Instant next = t.plusMillis(50_000);
        assertEquals(Optional.of(Duration.ofSeconds(10)), limits.takeSlot(next));
    }
}
