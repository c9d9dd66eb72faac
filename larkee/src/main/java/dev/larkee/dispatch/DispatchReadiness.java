package dev.larkee.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * What the dispatcher did since start, on {@code /health/ready} (always UP: the counters are for
 * operators): replies, fallbacks past the deadline, late replies, failures, overload, duplicates,
 * and the event types that arrived with no observer.
 */
@Readiness
@ApplicationScoped
public class DispatchReadiness implements HealthCheck {

    @Inject
    DispatchStatistics statistics;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("larkee-dispatch").up();
        statistics.snapshot().forEach((name, count) -> builder.withData(name, count.longValue()));
        if (!statistics.unobservedTypes().isEmpty()) {
            builder.withData("unobserved_types", String.join(",", new java.util.TreeSet<>(statistics.unobservedTypes())));
        }
        return builder.build();
    }
}
