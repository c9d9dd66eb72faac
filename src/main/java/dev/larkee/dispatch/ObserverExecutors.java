package dev.larkee.dispatch;

import dev.larkee.configuration.LarkeeConfiguration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The container's executors larkee runs on: observers on {@code larkee.executor} (created by
 * {@code payara-config/post-boot-commands.asadmin}), timers on {@code larkee.scheduler}. When a name
 * is not bound, larkee falls back to the server's default executor and says so, since Payara's
 * default runs one task at a time.
 */
@ApplicationScoped
public class ObserverExecutors {

    private static final Logger LOG = Logger.getLogger(ObserverExecutors.class.getName());

    @Inject
    LarkeeConfiguration configuration;

    @Resource
    ManagedExecutorService defaultExecutor;

    @Resource
    ManagedScheduledExecutorService defaultScheduler;

    private ManagedExecutorService observers;
    private ManagedScheduledExecutorService timers;

    @PostConstruct
    void lookUp() {
        observers = lookUp(configuration.executor(), ManagedExecutorService.class, defaultExecutor);
        timers = lookUp(configuration.scheduler(), ManagedScheduledExecutorService.class, defaultScheduler);
    }

    private static <T> T lookUp(String name, Class<T> type, T fallback) {
        try {
            return type.cast(new InitialContext().lookup(name));
        } catch (NamingException | ClassCastException e) {
            LOG.warning(() -> "larkee: no " + type.getSimpleName() + " bound at '" + name
                    + "'; using the server's default one. Create it with payara-config/post-boot-commands.asadmin "
                    + "or point " + LarkeeConfiguration.EXECUTOR + " / " + LarkeeConfiguration.SCHEDULER + " at one.");
            return fallback;
        }
    }

    /** Where observers run: never the container's request or WebSocket threads. */
    public ManagedExecutorService observers() {
        return observers;
    }

    /** Timers: reply deadlines, pings, reconnects. */
    public ManagedScheduledExecutorService timers() {
        return timers;
    }
}
