package dev.larkee.longconnection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.ServletContext;
import java.util.concurrent.CompletableFuture;

/**
 * The WAR's context path, known once the web module is initialized (after the {@code @Startup}
 * singletons): the simulator's URL needs it. Injecting {@code ServletContext} into the singleton
 * fails that early, so the path arrives through the application-scope initialization event.
 */
@ApplicationScoped
public class WebContextPath {

    private final CompletableFuture<String> path = new CompletableFuture<>();

    void initialized(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        path.complete(context.getContextPath());
    }

    /** Completes with the context path ({@code ""} for the root) when the web module is up. */
    public CompletableFuture<String> future() {
        return path;
    }
}
