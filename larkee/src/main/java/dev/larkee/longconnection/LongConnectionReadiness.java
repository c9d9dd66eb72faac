package dev.larkee.longconnection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness only (a broken platform link must not restart the server): UP when every configured
 * connection is connected and alive, DOWN with each connection's state, attempts and last error
 * otherwise; UP with {@code long_connection=disabled} when it is switched off.
 */
@Readiness
@ApplicationScoped
public class LongConnectionReadiness implements HealthCheck {

    static final String NAME = "larkee-long-connection";

    @Inject
    LongConnections connections;

    @Override
    public HealthCheckResponse call() {
        ReadinessReport report = ReadinessReport.of(connections.enabled(), connections.status());
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME).status(report.up());
        report.data().forEach(builder::withData);
        if (connections.enabled()) {
            ConnectionSlots slots = connections.connectionSlots();
            builder.withData("connection_cap", slots.held() + " of " + slots.cap() + " held here, counted in " + slots.describe());
        }
        return builder.build();
    }
}
