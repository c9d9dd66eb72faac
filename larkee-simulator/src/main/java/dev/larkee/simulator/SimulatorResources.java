package dev.larkee.simulator;

import dev.larkee.LarkeeApplication;
import java.util.Set;

/** The simulator's resources, served by {@link LarkeeApplication} when this jar is in the WAR. */
public class SimulatorResources implements LarkeeApplication.Contribution {

    @Override
    public Set<Class<?>> classes() {
        return Set.of(ConsoleResource.class, SimulatorBootstrapResource.class, SimulatorOpenApiResource.class);
    }
}
