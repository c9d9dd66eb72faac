package dev.larkee.simulator;

import dev.larkee.LarkeePaths;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;

/**
 * Puts {@link SimulatorGate} in front of all the simulator serves: the console page, the simulated
 * platform's WebSocket, and its resources below larkee's API path, which {@link LarkeePaths} reads from
 * the WAR (so it cannot be a fixed {@code @WebFilter} pattern).
 */
@WebListener
public class SimulatorFilters implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        FilterRegistration.Dynamic gate = context.addFilter(SimulatorGate.class.getName(), SimulatorGate.class);
        if (gate == null) {
            return; // declared in web.xml: that declaration stands.
        }
        gate.setAsyncSupported(true);
        gate.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false,
                "/console/*", "/simulator/*", LarkeePaths.apiPath(context) + "/simulator/*");
    }
}
