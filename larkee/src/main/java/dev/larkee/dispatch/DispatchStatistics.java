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

    /**
     * Told of every settled dispatch, for per-type metrics (MicroProfile Metrics where the server has
     * them); set once at startup. Types are bounded by {@link #boundedType}.
     */
    public interface Listener {
        /** A dispatch settled with {@code outcome}, {@code answerNanos} after it arrived. */
        void settled(String type, DispatchResult.Outcome outcome, long answerNanos);

        /** The observers of one delivery finished (in time or not), {@code observerNanos} after it arrived. */
        void observersFinished(String type, long observerNanos);

        /** An answer came after the deadline (the platform got the fallback). */
        void lateReply(String type);
    }

    /** Types named in metrics: the first ones seen; any beyond are counted as {@value #OTHER_TYPE}. */
    static final int MAX_METRIC_TYPES = 64;
    public static final String OTHER_TYPE = "other";

    private volatile Listener listener;
    private final Set<String> metricTypes = ConcurrentHashMap.newKeySet();

    private final Map<DispatchResult.Outcome, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder lateReplies = new LongAdder();
    private final Set<String> unobservedTypes = ConcurrentHashMap.newKeySet();

    /** Sends every later dispatch's figures to {@code l} too. */
    public void listen(Listener l) {
        listener = l;
    }

    void increment(DispatchResult.Outcome outcome) {
        outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }

    void settled(String type, DispatchResult.Outcome outcome, long answerNanos) {
        increment(outcome);
        Listener l = listener;
        if (l != null) {
            l.settled(boundedType(type), outcome, answerNanos);
        }
    }

    void observersFinished(String type, long observerNanos) {
        Listener l = listener;
        if (l != null) {
            l.observersFinished(boundedType(type), observerNanos);
        }
    }

    void countLateReply(String type) {
        lateReplies.increment();
        Listener l = listener;
        if (l != null) {
            l.lateReply(boundedType(type));
        }
    }

    /** The type as metrics name it: the wire decides how many types there are, metrics keep a bound. */
    String boundedType(String type) {
        if (type == null || type.isEmpty()) {
            return OTHER_TYPE;
        }
        if (metricTypes.contains(type)) {
            return type;
        }
        if (metricTypes.size() < MAX_METRIC_TYPES && type.length() <= 64 && metricTypes.add(type)) {
            return type;
        }
        return metricTypes.contains(type) ? type : OTHER_TYPE;
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
