package dev.larkee;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** larkee's HTTP endpoints live under {@code /api}: the webhook, and the simulator when it is on. */
@ApplicationPath("api")
public class LarkeeApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        // Jersey publishes a WADL of every resource (OPTIONS, /api/application.wadl) unless told not to:
        // a map of the endpoints for whoever asks, and nothing the platform needs.
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
