package dev.larkee.openapi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's rules for card updates, checked before sending (spec open-api §2): a card token
 * serves at most {@value #USES_PER_TOKEN} updates, within its life; the app sends at most
 * {@value #PER_SECOND} a second and {@value #PER_MINUTE} a minute. Pure and synchronized; the clock
 * comes in with each call.
 */
final class CardUpdateLimits {

    /** The stricter of the platform's pages (the other says 3). */
    static final int USES_PER_TOKEN = 2;
    static final int PER_SECOND = 50;
    static final int PER_MINUTE = 1000;
    /** Tokens remembered; the oldest are forgotten first (each lives 30 minutes anyway). */
    static final int MAX_TOKENS = 100_000;

    private final Map<String, Integer> uses = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_TOKENS;
        }
    };
    private final Deque<Instant> lastSecond = new ArrayDeque<>();
    private final Deque<Instant> lastMinute = new ArrayDeque<>();

    /** Counts a use of {@code token}; false when it has none left. */
    synchronized boolean use(String token) {
        int n = uses.getOrDefault(token, 0);
        if (n >= USES_PER_TOKEN) {
            return false;
        }
        uses.put(token, n + 1);
        return true;
    }

    /** Gives back a use that never reached the platform. */
    synchronized void giveBack(String token) {
        uses.computeIfPresent(token, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Takes a send slot now, or says how long until one frees. */
    synchronized Optional<Duration> takeSlot(Instant now) {
        forgetBefore(lastSecond, now.minusSeconds(1));
        forgetBefore(lastMinute, now.minusSeconds(60));
        if (lastSecond.size() >= PER_SECOND) {
            return Optional.of(Duration.between(now, lastSecond.peekFirst().plusSeconds(1)));
        }
        if (lastMinute.size() >= PER_MINUTE) {
            return Optional.of(Duration.between(now, lastMinute.peekFirst().plusSeconds(60)));
        }
        lastSecond.addLast(now);
        lastMinute.addLast(now);
        return Optional.empty();
    }

    private static void forgetBefore(Deque<Instant> window, Instant limit) {
        while (!window.isEmpty() && !window.peekFirst().isAfter(limit)) {
            window.removeFirst();
        }
    }
}
