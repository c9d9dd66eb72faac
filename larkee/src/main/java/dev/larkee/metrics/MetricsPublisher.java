package dev.larkee.metrics;

import dev.larkee.configuration.LarkeeConfiguration;
import dev.larkee.dispatch.DeliveredEvents;
import dev.larkee.dispatch.DispatchStatistics;
import dev.larkee.longconnection.ConnectionStatus;
import dev.larkee.longconnection.LongConnections;
import dev.larkee.openapi.OpenApiStatistics;
import dev.larkee.webhook.WebhookRefusals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes what an operator scrapes, as MicroProfile Metrics where the server has them (Payara:
 * {@code /metrics}): deliveries by type and outcome, observer and answer times, webhook refusals by
 * check, each long connection's state, reconnects, last pong age and buffered fragments,
 * de-duplication hits and this instance's share of the app's connection cap. WildFly 39 has no
 * MicroProfile Metrics; there the counters are the data of {@code /health/ready}'s checks, and
 * larkee says so once at startup.
 */
@ApplicationScoped
public class MetricsPublisher {

    private static final Logger LOG = Logger.getLogger(MetricsPublisher.class.getName());
    private static final String REGISTRY = "org.eclipse.microprofile.metrics.MetricRegistry";

    @Inject
    DispatchStatistics dispatch;

    @Inject
    OpenApiStatistics openApi;

    @Inject
    WebhookRefusals refusals;

    @Inject
    DeliveredEvents delivered;

    @Inject
    LongConnections connections;

    @Inject
    LarkeeConfiguration configuration;

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
        try {
            MicroProfileMetrics metrics = new MicroProfileMetrics(beans.select(Class.forName(REGISTRY)).get());
            Map<String, Supplier<Map<String, Long>>> totals = new LinkedHashMap<>();
            totals.put("larkee.dispatch", dispatch::snapshot);
            totals.put("larkee.open_api", openApi::snapshot);
            metrics.totals(totals);
            dispatch.listen(metrics);
            refusals.listen(metrics);
            metrics.gauge("larkee.deduplication.hits", "larkee: re-deliveries recognised (handled before, or in flight)",
                    null, delivered, DeliveredEvents::duplicates, null, null);
            if (configuration.longConnectionEnabled()) {
                connectionGauges(metrics);
            }
        } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "larkee: could not publish its metrics as MicroProfile Metrics", e);
        }
    }

    private void connectionGauges(MicroProfileMetrics metrics) {
        metrics.gauge("larkee.long_connection.slots.held", "larkee: slots of the app's connection cap held by this instance",
                null, connections, c -> c.connectionSlots().held(), null, null);
        metrics.gauge("larkee.long_connection.slots.cap", "larkee: the app's connection cap (larkee.cluster.connection-cap)",
                null, connections, c -> c.connectionSlots().cap(), null, null);
        for (int i = 1; i <= configuration.connections(); i++) {
            String n = Integer.toString(i);
            int index = i;
            metrics.gauge("larkee.long_connection.connected", "larkee: 1 when the connection is open and alive",
                    null, connections, c -> status(c, index).map(s -> s.alive() ? 1 : 0).orElse(0), "connection", n);
            metrics.gauge("larkee.long_connection.state", "larkee: the connection's state, as the ordinal of "
                    + "IDLE, CONNECTING, CONNECTED, RECONNECTING, STANDBY, FAILED, STOPPING, STOPPED",
                    null, connections, c -> status(c, index).map(s -> s.state().ordinal()).orElse(0), "connection", n);
            metrics.gauge("larkee.long_connection.reconnects", "larkee: sockets opened after the first since start",
                    null, connections, c -> status(c, index).map(ConnectionStatus::reconnects).orElse(0L), "connection", n);
            metrics.gauge("larkee.long_connection.last_pong.age", "larkee: seconds since the platform last answered a ping "
                    + "(-1 before the first)", "seconds", connections, c -> status(c, index)
                            .map(s -> s.lastPong() == null ? -1.0
                                    : Duration.between(s.lastPong(), Instant.now()).toMillis() / 1000.0).orElse(-1.0),
                    "connection", n);
            metrics.gauge("larkee.long_connection.fragments.buffered", "larkee: bytes of fragmented messages awaiting "
                    + "their other fragments", "bytes", connections,
                    c -> status(c, index).map(ConnectionStatus::fragmentBytes).orElse(0L), "connection", n);
        }
    }

    private static java.util.Optional<ConnectionStatus> status(LongConnections c, int index) {
        return c.status().stream().filter(s -> s.index() == index).findFirst();
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
