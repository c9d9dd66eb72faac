package dev.larkee.longconnection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/**
 * Where larkee's endpoints are served in this server: the WAR's context path plus larkee's API path
 * ({@code /larkee/api}; see {@link dev.larkee.LarkeePaths}), known once the web module is initialized
 * (after the {@code @Startup} singletons, which is why it is a future): the simulator's URL needs it.
 * {@link dev.larkee.LarkeeServletSetup} completes it.
 */
@ApplicationScoped
public class WebContextPath {

    private final CompletableFuture<String> path = new CompletableFuture<>();

    /** Called once the web module is up, with the context path and API path. */
    public void completeWith(String endpoints) {
        path.complete(endpoints);
    }

    /** Completes with the context path and API path ({@code /larkee/api}) when the web module is up. */
    public CompletableFuture<String> future() {
        return path;
    }
}
