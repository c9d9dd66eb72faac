package dev.larkee;

import dev.larkee.webhook.JsonErrorMapper;
import dev.larkee.webhook.WebhookResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * larkee's own Jakarta REST application, under {@code /api} (see {@link LarkeePaths} to move it). It
 * names its classes, so it serves larkee's resources only and never the application's. larkee ships
 * no {@code @Provider}: its JSON error mapping is registered here and applies to these endpoints
 * only, never to the application's own resources.
 */
@ApplicationPath("api")
public class LarkeeApplication extends Application {

    /** Further resources a larkee module contributes (the simulator), found with {@link ServiceLoader}. */
    public interface Contribution {
        Set<Class<?>> classes();
    }

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(Set.of(WebhookResource.class, JsonErrorMapper.class));
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (Contribution c : ServiceLoader.load(Contribution.class, loader == null ? LarkeeApplication.class.getClassLoader() : loader)) {
            classes.addAll(c.classes());
        }
        return classes;
    }

    @Override
    public Map<String, Object> getProperties() {
        // Jersey publishes a WADL of every resource (OPTIONS, /api/application.wadl) unless told not to:
        // a map of the endpoints for whoever asks, and nothing the platform needs.
        // Jersey's response buffer stays on, although it costs 8 KiB per response. With it off
        // (jersey.config.server.contentLength.buffer=0), a keep-alive client's next webhook request once
        // went unanswered for 5 s in EmbeddedSimulatorIT: suspected, not proven, an answer flushed by
        // the observer thread before the async request completed. Not worth the risk for ~5 %.
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
