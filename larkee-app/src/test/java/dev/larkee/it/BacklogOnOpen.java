package dev.larkee.it;

import dev.larkee.configuration.LarkeeConfiguration;
import dev.larkee.simulator.FragmentOrder;
import dev.larkee.simulator.PlatformSimulator;
import dev.larkee.simulator.Push;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Arms the simulator, while the application starts (before larkee can dial: the bootstrap endpoint
 * is served by this very deployment), with a backlog pushed the instant larkee's first socket opens,
 * and starts the {@link CoalescingProxy} larkee reaches the simulator through
 * ({@code larkee.http-port}), so that backlog arrives in the same read as the 101 response.
 */
@ApplicationScoped
public class BacklogOnOpen {

    /** Messages in the backlog: single frames and one fragmented message. */
    static final int SIZE = 24;
    /** The server's own HTTP port, behind the proxy. */
    static final String UPSTREAM_PORT = "larkee-it.upstream-port";

    @Inject
    PlatformSimulator simulator;

    private final List<String> eventIds = new ArrayList<>();
    private CoalescingProxy proxy;

    void arm(@Observes @Initialized(ApplicationScoped.class) Object ignored) throws IOException {
        Config config = ConfigProvider.getConfig();
        proxy = new CoalescingProxy(config.getValue(LarkeeConfiguration.HTTP_PORT, Integer.class),
                config.getValue(UPSTREAM_PORT, Integer.class));
        List<Push> pushes = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            String id = "backlog-" + i + "-" + UUID.randomUUID();
            eventIds.add(id);
            Push p = Push.event("{\"schema\":\"2.0\",\"header\":{\"event_id\":\"" + id + "\",\"token\":\"v\","
                    + "\"create_time\":\"1\",\"event_type\":\"im.message.receive_v1\",\"tenant_key\":\"tk\","
                    + "\"app_id\":\"cli_test\"},\"event\":{\"text\":\"" + "x".repeat(200) + "\"}}");
            pushes.add(i == SIZE - 1 ? p.split(4, FragmentOrder.REVERSED) : p);
        }
        simulator.pushOnNextOpen(pushes);
    }

    /** Upgrade responses the proxy passed on together with the frames that followed them. */
    int coalescedHandshakes() {
        return proxy.coalesced.get();
    }

    @PreDestroy
    void stopProxy() {
        if (proxy != null) {
            try {
                proxy.close();
            } catch (IOException e) {
                java.util.logging.Logger.getLogger(BacklogOnOpen.class.getName()).fine(() -> "proxy close: " + e);
            }
        }
    }

    /** The event ids of the backlog, in push order. */
    List<String> eventIds() {
        return List.copyOf(eventIds);
    }
}
