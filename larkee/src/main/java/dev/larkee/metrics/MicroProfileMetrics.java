package dev.larkee.metrics;

import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The only class that touches the MicroProfile Metrics API, loaded only where it exists: each
 * counter becomes a gauge in the application registry that reads the live count (a total since
 * start, as the health data shows it).
 */
final class MicroProfileMetrics {

    private MicroProfileMetrics() {
    }

    /** Registers the gauges in {@code applicationRegistry} (a {@link MetricRegistry}). */
    static void register(Object applicationRegistry, Map<String, Supplier<Map<String, Long>>> groups) {
        MetricRegistry registry = (MetricRegistry) applicationRegistry;
        groups.forEach((prefix, snapshot) -> snapshot.get().keySet().forEach(key -> registry.gauge(
                Metadata.builder().withName(prefix + "." + key)
                        .withDescription("larkee: " + key.replace('_', ' ') + " since start").build(),
                snapshot, s -> s.get().getOrDefault(key, 0L))));
    }
}
