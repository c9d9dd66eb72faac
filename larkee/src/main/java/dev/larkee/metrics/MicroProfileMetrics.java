package dev.larkee.metrics;

import dev.larkee.dispatch.DispatchResult;
import dev.larkee.dispatch.DispatchStatistics;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The only class that touches the MicroProfile Metrics API, loaded only where it exists. Names follow
 * MicroProfile conventions (dotted, in the application scope; Prometheus shows them with
 * underscores, counters with {@code _total}, timers in seconds); README lists them.
 */
final class MicroProfileMetrics implements DispatchStatistics.Listener, Consumer<String> {

    private final MetricRegistry registry;
    /**
     * Metric objects by their tags, looked up by the type itself (no key built per callback): the
     * counters of a type by outcome ordinal, its two timers, its late-reply counter; refusals by check.
     */
    private final Map<String, Counter[]> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Timer> answerTimers = new ConcurrentHashMap<>();
    private final Map<String, Timer> observerTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> lateReplies = new ConcurrentHashMap<>();
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();

    MicroProfileMetrics(Object applicationRegistry) {
        this.registry = (MetricRegistry) applicationRegistry;
    }

    /** Totals since start, one gauge per key of each group (as the health data shows them). */
    void totals(Map<String, Supplier<Map<String, Long>>> groups) {
        groups.forEach((prefix, snapshot) -> snapshot.get().keySet().forEach(key -> registry.gauge(
                Metadata.builder().withName(prefix + "." + key)
                        .withDescription("larkee: " + key.replace('_', ' ') + " since start").build(),
                snapshot, s -> s.get().getOrDefault(key, 0L))));
    }

    /** A gauge reading {@code read} from {@code source}, with one tag when {@code tag} is not null. */
    <T> void gauge(String name, String description, String unit, T source, ToDoubleFunction<T> read, String tag,
            String tagValue) {
        Metadata metadata = Metadata.builder().withName(name).withDescription(description)
                .withUnit(unit == null ? MetricUnits.NONE : unit).build();
        if (tag == null) {
            registry.gauge(metadata, source, read::applyAsDouble);
        } else {
            registry.gauge(metadata, source, read::applyAsDouble, new Tag(tag, tagValue));
        }
    }

    @Override
    public void settled(String type, DispatchResult.Outcome outcome, long answerNanos) {
        Counter[] byOutcome = outcomes.computeIfAbsent(type, t -> new Counter[DispatchResult.Outcome.values().length]);
        Counter counter = byOutcome[outcome.ordinal()];
        if (counter == null) { // a benign race: the registry hands both threads the same counter
            String o = outcome.name().toLowerCase(Locale.ROOT);
            counter = registry.counter(Metadata.builder().withName("larkee.callbacks")
                    .withDescription("larkee: deliveries settled, by type and outcome").build(),
                    new Tag("type", type), new Tag("outcome", o));
            byOutcome[outcome.ordinal()] = counter;
        }
        counter.inc();
        answerTimers.computeIfAbsent(type, t -> registry.timer(Metadata.builder()
                .withName("larkee.callback.answer.time").withUnit(MetricUnits.NANOSECONDS)
                .withDescription("larkee: from arrival to the answer handed to the transport (the reply, or the fallback at the deadline)")
                .build(), new Tag("type", t))).update(Duration.ofNanos(answerNanos));
    }

    @Override
    public void observersFinished(String type, long observerNanos) {
        observerTimers.computeIfAbsent(type, t -> registry.timer(Metadata.builder()
                .withName("larkee.callback.observer.time").withUnit(MetricUnits.NANOSECONDS)
                .withDescription("larkee: from arrival until the observers of a delivery finished").build(),
                new Tag("type", t))).update(Duration.ofNanos(observerNanos));
    }

    @Override
    public void lateReply(String type) {
        lateReplies.computeIfAbsent(type, t -> registry.counter(Metadata.builder()
                .withName("larkee.callback.late_replies")
                .withDescription("larkee: replies that came after the deadline (the platform got the fallback)").build(),
                new Tag("type", t))).inc();
    }

    /** A webhook request refused by {@code check}. */
    @Override
    public void accept(String check) {
        refusals.computeIfAbsent(check, c -> registry.counter(Metadata.builder()
                .withName("larkee.webhook.refusals").withDescription("larkee: webhook requests refused, by failed check").build(),
                new Tag("check", c))).inc();
    }
}
