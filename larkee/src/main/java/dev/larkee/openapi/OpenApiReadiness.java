package dev.larkee.openapi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Card updates and token refreshes on {@code /health/ready} (always UP: a failed update is the
 * application's to handle, not a reason to take the instance out of the load balancer).
 */
@Readiness
@ApplicationScoped
public class OpenApiReadiness implements HealthCheck {

    @Inject
    OpenApiStatistics statistics;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("larkee-open-api").up();
        statistics.snapshot().forEach(builder::withData);
        return builder.build();
    }
}
