package dev.larkee.configuration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Reads {@link LarkeeConfiguration} from MicroProfile Config once, and validates it while the
 * application starts, so a bad value fails the deployment instead of the first callback.
 */
@ApplicationScoped
public class ConfigurationProducer {

    private static final Logger LOG = Logger.getLogger(ConfigurationProducer.class.getName());

    @Inject
    Config config;

    private LarkeeConfiguration configuration;

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        LOG.info(() -> "larkee starting: " + configuration());
    }

    // Dependent, not a proxy: the value is immutable and built once by this application-scoped bean.
    @Produces
    synchronized LarkeeConfiguration configuration() {
        if (configuration == null) {
            configuration = LarkeeConfiguration.from(key -> config.getOptionalValue(key, String.class));
        }
        return configuration;
    }

    /** The wall clock for freshness checks; tests replace it with a fixed clock through an alternative. */
    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }
}
