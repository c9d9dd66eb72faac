package dev.larkee.longconnection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    private final ReconnectPolicy policy = new ReconnectPolicy(new SplittableRandom(7));
    private final ClientConfig config = new ClientConfig(120, -1, 10, 30);

    @Test
    void firstAttemptAfterALossIsJitteredWithinTheNonce() {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2000; i++) {
            long d = policy.afterLossMs(config);
            assertTrue(d >= 0 && d < 30_000, "delay " + d);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertTrue(min < 3_000 && max > 27_000, "spread " + min + ".." + max);
        assertEquals(0, policy.afterLossMs(new ClientConfig(120, -1, 10, 0)));
    }

    @Test
    void failuresBackOffExponentiallyWithJitterCappedAtTheInterval() {
        for (int i = 0; i < 500; i++) {
            long first = policy.afterFailureMs(config, 1);
            assertTrue(first >= 500 && first <= 1000, "first " + first);
            long third = policy.afterFailureMs(config, 3);
            assertTrue(third >= 2000 && third <= 4000, "third " + third);
            long tenth = policy.afterFailureMs(config, 10);
            assertTrue(tenth >= 5000 && tenth <= 10_000, "capped " + tenth);
            long huge = policy.afterFailureMs(config, Integer.MAX_VALUE);
            assertTrue(huge >= 5000 && huge <= 10_000, "no overflow " + huge);
        }
    }

    @Test
    void neverAHotLoop() {
        ClientConfig tight = new ClientConfig(1, -1, 1, 0);
        for (int i = 1; i < 100; i++) {
            assertTrue(policy.afterFailureMs(tight, i) >= 500);
        }
    }

    @Test
    void honoursReconnectCount() {
        assertFalse(policy.exhausted(config, 1_000_000));
        ClientConfig three = new ClientConfig(120, 3, 10, 30);
        assertFalse(policy.exhausted(three, 2));
        assertTrue(policy.exhausted(three, 3));
        assertTrue(policy.exhausted(new ClientConfig(120, 0, 10, 30), 0));
    }
}
