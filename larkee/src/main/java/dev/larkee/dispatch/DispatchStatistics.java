package dev.larkee.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters of what the dispatcher did since start, for logs, health data and the dev console. */
@ApplicationScoped
public class DispatchStatistics {

    private final Map<DispatchResult.Outcome, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder lateReplies = new LongAdder();
    private final Set<String> unobservedTypes = ConcurrentHashMap.newKeySet();

    void increment(DispatchResult.Outcome outcome) {
        outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }

    void countLateReply() {
        lateReplies.increment();
    }

    /** The most unobserved types remembered (and logged); the wire decides how many there are. */
    static final int MAX_UNOBSERVED_TYPES = 256;

    /**
     * True the first time a type without observers is seen, so it is logged once; false for every
     * type once {@value #MAX_UNOBSERVED_TYPES} are remembered (those are still counted as unobserved).
     */
    boolean firstUnobserved(String type) {
        if (unobservedTypes.size() >= MAX_UNOBSERVED_TYPES) {
            return false;
        }
        return unobservedTypes.add(type);
    }

    public long count(DispatchResult.Outcome outcome) {
        LongAdder a = outcomes.get(outcome);
        return a == null ? 0 : a.sum();
    }

    /** Replies that came after the deadline (the platform got the fallback). */
    public long lateReplies() {
        return lateReplies.sum();
    }

    /** Event types that arrived with no observer for them. */
    public Set<String> unobservedTypes() {
        return Set.copyOf(unobservedTypes);
    }

    /** Every counter by name, for health data and the console. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        for (DispatchResult.Outcome o : DispatchResult.Outcome.values()) {
            m.put(o.name().toLowerCase(java.util.Locale.ROOT), count(o));
        }
        m.put("late_replies", lateReplies());
        return m;
    }
}
