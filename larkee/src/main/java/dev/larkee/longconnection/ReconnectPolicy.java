package dev.larkee.longconnection;

import java.util.random.RandomGenerator;

/**
 * When to try again (spec §9.2, §13.8). After a lost connection the first attempt waits a random
 * time in [0, ReconnectNonce); after each failed attempt the wait doubles from 1 s, is capped at
 * ReconnectInterval, and is jittered to 50–100 % of that, so many instances do not retry in step
 * and a failure never becomes a hot loop (at least 500 ms). A non-negative ReconnectCount limits
 * the attempts of one episode (0 = give up at once); negative is unlimited.
 */
public final class ReconnectPolicy {

    private static final long BASE_MS = 1000;

    private final RandomGenerator random;

    public ReconnectPolicy(RandomGenerator random) {
        this.random = random;
    }

    /** Delay before the first attempt after a connection was lost, in ms. */
    public long afterLossMs(ClientConfig config) {
        long nonceMs = config.reconnectNonceSeconds() * 1000L;
        return nonceMs > 0 ? random.nextLong(nonceMs) : 0;
    }

    /** Delay after the {@code failures}-th failed attempt of an episode (1-based), in ms. */
    public long afterFailureMs(ClientConfig config, int failures) {
        long cap = config.reconnectIntervalSeconds() * 1000L;
        int doublings = Math.min(Math.max(failures - 1, 0), 20);
        long base = Math.min(cap, BASE_MS << doublings);
        return base / 2 + random.nextLong(base / 2 + 1);
    }

    /** Whether {@code attemptsMade} reconnect attempts use up the allowed count. */
    public boolean exhausted(ClientConfig config, int attemptsMade) {
        return config.reconnectCount() >= 0 && attemptsMade >= config.reconnectCount();
    }
}
