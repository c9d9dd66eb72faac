package dev.larkee;

import dev.larkee.longconnection.WebContextPath;
import dev.larkee.webhook.WebhookBodyReader;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;

/**
 * What larkee needs from the web module once it starts:
 * <ul>
 * <li>{@link WebhookBodyReader} in front of the webhook URLs, wherever {@link LarkeePaths} says larkee's
 * endpoints are. Registered here rather than with {@code @WebFilter}, whose fixed pattern could not
 * follow a {@code web.xml} that moves them, and which would sit on the application's own paths if it
 * matched more broadly.</li>
 * <li>Where those endpoints are served ({@link WebContextPath}), for the long connection's simulator
 * URL. A listener of the WAR itself is told reliably; CDI's {@code @Initialized} event for the servlet
 * context does not reach observers in a library jar on every server (it did not on Payara Micro 6).</li>
 * </ul>
 */
@WebListener
public class LarkeeServletSetup implements ServletContextListener {

    @Inject
    WebContextPath webContextPath;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        String api = LarkeePaths.apiPath(context);
        FilterRegistration.Dynamic reader = context.addFilter(WebhookBodyReader.class.getName(), WebhookBodyReader.class);
        if (reader != null) { // null: a web.xml declares it, and that declaration stands
            reader.setAsyncSupported(true);
            reader.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false,
                    api + "/webhook/*");
        }
        webContextPath.completeWith(context.getContextPath() + api);
    }
}
