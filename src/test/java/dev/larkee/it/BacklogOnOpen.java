package dev.larkee.it;

import dev.larkee.simulator.FragmentOrder;
import dev.larkee.simulator.PlatformSimulator;
import dev.larkee.simulator.Push;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Arms the simulator, while the application starts (before larkee can dial: the bootstrap endpoint
 * is served by this very deployment), with a backlog pushed the instant larkee's first socket opens.
 */
@ApplicationScoped
public class BacklogOnOpen {

    /** Messages in the backlog: single frames and one fragmented message. */
    static final int SIZE = 24;

    @Inject
    PlatformSimulator simulator;

    private final List<String> eventIds = new ArrayList<>();

    void arm(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
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

    /** The event ids of the backlog, in push order. */
    List<String> eventIds() {
        return List.copyOf(eventIds);
    }
}
