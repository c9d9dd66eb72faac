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
 * Adds larkee's API path ({@code <api>/simulator/*}, which {@link LarkeePaths} reads from the WAR, so it
 * cannot be a fixed pattern) to {@link SimulatorGate}'s own {@code @WebFilter} mappings.
 */
@WebListener
public class SimulatorFilters implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        FilterRegistration gate = context.getFilterRegistration(SimulatorGate.NAME);
        if (gate != null) {
            gate.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true,
                    LarkeePaths.apiPath(context) + "/simulator/*");
        }
    }
}
