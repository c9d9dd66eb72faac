package dev.larkee.configuration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
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

    /** A class of the larkee-simulator jar, whose presence says the simulator can run. */
    private static final String SIMULATOR_CLASS = "dev.larkee.simulator.PlatformSimulator";

    @Inject
    Config config;

    private LarkeeConfiguration configuration;

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object context) {
        LarkeeConfiguration c = configuration();
        LOG.info(() -> "larkee starting: " + c);
        if (c.webhookEnabled() && (c.replayWindowSeconds() == 0 || c.eventReplayWindowSeconds() == 0)) {
            LOG.warning(() -> "larkee: a webhook replay window is 0: signed requests are accepted whatever their "
                    + "timestamp, so a captured request can be replayed (" + LarkeeConfiguration.WEBHOOK_REPLAY_WINDOW_SECONDS
                    + ", " + LarkeeConfiguration.WEBHOOK_EVENT_REPLAY_WINDOW_SECONDS + ")");
        }
        if (c.simulated()) {
            String root = context instanceof ServletContext servlet ? servlet.getContextPath() : "/larkee";
            LOG.warning(() -> "larkee: " + LarkeeConfiguration.SIMULATOR_ENABLED + "=true, so larkee runs against its LOCAL PLATFORM "
                    + "SIMULATOR: nothing reaches Feishu or Lark. Try it in the dev console at http://localhost:"
                    + c.httpPort() + root + "/console/ . To use a real app, set " + LarkeeConfiguration.APP_ID + ", "
                    + LarkeeConfiguration.APP_SECRET + ", " + LarkeeConfiguration.VERIFICATION_TOKEN + " and "
                    + LarkeeConfiguration.ENCRYPT_KEY + " (e.g. env LARKEE_APP_ID=...; see README).");
        }
    }

    // Dependent, not a proxy: the value is immutable and built once by this application-scoped bean.
    @Produces
    synchronized LarkeeConfiguration configuration() {
        if (configuration == null) {
            LarkeeConfiguration c = LarkeeConfiguration.from(key -> config.getOptionalValue(key, String.class));
            if (c.simulated() && !simulatorPresent()) {
                // Fail closed and say why: without the simulator jar the long connection would dial a
                // URL nobody serves, and readiness would stay DOWN with no hint.
                throw new InvalidConfigurationException(LarkeeConfiguration.SIMULATOR_ENABLED,
                        "is true, but the simulator is not in this application: add the dependency "
                                + "dev.larkee:larkee-simulator (for tests and local runs only), or set real credentials");
            }
            configuration = c;
        }
        return configuration;
    }

    private static boolean simulatorPresent() {
        try {
            Class.forName(SIMULATOR_CLASS, false, ConfigurationProducer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The wall clock for freshness checks; tests replace it with a fixed clock through an alternative. */
    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }
}
