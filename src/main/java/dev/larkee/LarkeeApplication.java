package dev.larkee;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** larkee's HTTP endpoints live under {@code /api}: the webhook, and the simulator when it is on. */
@ApplicationPath("api")
public class LarkeeApplication extends Application {
}
