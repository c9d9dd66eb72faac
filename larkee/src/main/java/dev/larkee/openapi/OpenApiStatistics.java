package dev.larkee.openapi;

import dev.larkee.callback.CardUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What larkee did with the open API since start: card updates by outcome, sends, token refreshes. */
@ApplicationScoped
public class OpenApiStatistics {

    final LongAdder updateRequests = new LongAdder();
    final LongAdder updateCalls = new LongAdder();
    final LongAdder updateRetries = new LongAdder();
    final LongAdder lateCards = new LongAdder();
    final LongAdder tokenRefreshes = new LongAdder();
    final LongAdder tokenFailures = new LongAdder();
    private final Map<CardUpdate.Result, LongAdder> outcomes = new EnumMap<>(CardUpdate.Result.class);

    public OpenApiStatistics() {
        for (CardUpdate.Result r : CardUpdate.Result.values()) {
            outcomes.put(r, new LongAdder());
        }
    }

    void outcome(CardUpdate update) {
        outcomes.get(update.result()).increment();
    }

    /** Name to count, for health data. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("card_updates_requested", updateRequests.sum());
        m.put("card_updates_from_late_replies", lateCards.sum());
        m.put("card_update_calls", updateCalls.sum());
        m.put("card_update_retries", updateRetries.sum());
        outcomes.forEach((r, n) -> m.put("card_updates_" + r.name().toLowerCase(Locale.ROOT), n.sum()));
        m.put("tenant_token_refreshes", tokenRefreshes.sum());
        m.put("tenant_token_failures", tokenFailures.sum());
        return m;
    }
}
