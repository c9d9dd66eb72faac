package dev.larkee.it;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The tests' own REST resources (server log, observer calls, benchmark endpoints) under {@code /test}:
 * larkee's application serves larkee's classes only. Lists nothing, so it gets every resource in the
 * WAR, as a user's application would (larkee's own answer 404 here).
 */
@ApplicationPath("test")
public class TestApplication extends Application {
}
