package dev.larkee.metrics;

import dev.larkee.dispatch.DispatchStatistics;
import dev.larkee.openapi.OpenApiStatistics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes larkee's counters (the dispatcher's outcomes, the open API's card updates and token
 * refreshes) as MicroProfile Metrics where the server has them (Payara: {@code /metrics}). WildFly 39
 * has no MicroProfile Metrics; there the same counters are the data of {@code /health/ready}'s
 * checks, and larkee says so once at startup.
 */
@ApplicationScoped
public class MetricsPublisher {

    private static final Logger LOG = Logger.getLogger(MetricsPublisher.class.getName());
    private static final String REGISTRY = "org.eclipse.microprofile.metrics.MetricRegistry";

    @Inject
    DispatchStatistics dispatch;

    @Inject
    OpenApiStatistics openApi;

    /**
     * The registry is looked up through this, by a class name: no field or signature of this bean
     * names an MicroProfile Metrics type, so the bean loads where the API does not exist. (Payara's
     * registry producer needs an injection point, which {@code CDI.current()} does not give it.)
     */
    @Inject
    Instance<Object> beans; // @Default: Payara also has a @RegistryType-qualified producer

    void publish(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!present()) {
            LOG.info("larkee: this server has no MicroProfile Metrics; larkee's counters are in the data of /health/ready");
            return;
        }
        Map<String, Supplier<Map<String, Long>>> groups = new LinkedHashMap<>();
        groups.put("larkee.dispatch", dispatch::snapshot);
        groups.put("larkee.open_api", openApi::snapshot);
        try {
            MicroProfileMetrics.register(beans.select(Class.forName(REGISTRY)).get(), groups);
        } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "larkee: could not publish its counters as MicroProfile Metrics", e);
        }
    }

    private static boolean present() {
        try {
            Class.forName(REGISTRY, false, MetricsPublisher.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
