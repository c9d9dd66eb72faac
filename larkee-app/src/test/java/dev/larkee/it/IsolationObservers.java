package dev.larkee.it;

import dev.larkee.callback.EventType;
import dev.larkee.callback.PlatformEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only: two observers of {@code it.isolation_v1}, the typed one throwing, and the order they ran
 * in per event id, for client-side tests.
 */
@ApplicationScoped
@Path("it/isolation")
public class IsolationObservers {

    private final Map<String, List<String>> order = new ConcurrentHashMap<>();

    void typedAndThrowing(@Observes @EventType("it.isolation_v1") PlatformEvent event) {
        order.computeIfAbsent(event.id(), k -> new CopyOnWriteArrayList<>()).add("typed");
        throw new IllegalStateException("isolation test: this observer fails on purpose");
    }

    void catchAll(@Observes PlatformEvent event) {
        if (event.type().equals("it.isolation_v1")) {
            order.computeIfAbsent(event.id(), k -> new CopyOnWriteArrayList<>()).add("catch-all");
        }
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_PLAIN)
    public String order(@PathParam("id") String id) {
        return String.join(",", order.getOrDefault(id, List.of()));
    }
}
