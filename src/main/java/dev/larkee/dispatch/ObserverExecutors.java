package dev.larkee.dispatch;

import dev.larkee.configuration.LarkeeConfiguration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The container's executors larkee runs on: observers on {@code larkee.executor} (created by
 * {@code payara-config/post-boot-commands.asadmin}), timers on {@code larkee.scheduler}.
 *
 * <p>{@code larkee.executor} names a {@link ManagedThreadFactory} (preferred) or a
 * {@link ManagedExecutorService}. With a thread factory larkee runs its own bounded pool
 * ({@value #CORE_THREADS} to {@value #MAX_THREADS} threads, {@value #QUEUE} queued tasks) on
 * container-managed threads: their context is captured once per thread. A managed executor
 * captures it for every task, and Payara 6 does a {@code ServiceLoader} scan of the application's
 * class path each time (ContextSetupProviderImpl.saveContext), which cost the webhook about a third
 * of its throughput in the benchmark (docs/bench-results.md). When the name is not bound, larkee
 * uses its own pool on the server's default thread factory and says so.
 */
@ApplicationScoped
public class ObserverExecutors {

    private static final Logger LOG = Logger.getLogger(ObserverExecutors.class.getName());

    @Inject
    LarkeeConfiguration configuration;

    @Resource
    ManagedScheduledExecutorService defaultScheduler;

    @Resource
    ManagedThreadFactory defaultThreadFactory;

    static final int CORE_THREADS = 16;
    static final int MAX_THREADS = 64;
    static final int QUEUE = 4096;

    private ExecutorService observers;
    private ManagedThreadFactory threadFactory;
    private ThreadPoolExecutor ownPool;
    private ManagedScheduledExecutorService timers;
    private final DeadlineWatch deadlines = new DeadlineWatch();

    @PostConstruct
    void lookUp() {
        threadFactory = defaultThreadFactory;
        observers = observerExecutor(configuration.executor());
        // One timer per callback is too hot a path for a managed scheduler (per-task context capture).
        Thread watch = threadFactory.newThread(deadlines);
        watch.setName("larkee-deadline-watch");
        watch.setDaemon(true);
        watch.start();
        timers = lookUp(configuration.scheduler(), ManagedScheduledExecutorService.class, defaultScheduler);
    }

    private ExecutorService observerExecutor(String name) {
        Object bound;
        try {
            bound = new InitialContext().lookup(name);
        } catch (NamingException e) {
            bound = null;
        }
        if (bound instanceof ManagedExecutorService executor) {
            return executor;
        }
        ManagedThreadFactory factory;
        if (bound instanceof ManagedThreadFactory f) {
            factory = f;
            threadFactory = f;
        } else {
            LOG.warning(() -> "larkee: no ManagedThreadFactory or ManagedExecutorService bound at '" + name
                    + "'; running observers on the server's default thread factory. Create it with "
                    + "payara-config/post-boot-commands.asadmin or point " + LarkeeConfiguration.EXECUTOR + " at one.");
            factory = defaultThreadFactory;
        }
        // Bounded like a managed executor: core threads, then the queue, then up to MAX_THREADS, then
        // RejectedExecutionException (answered as BUSY by the dispatcher).
        ownPool = new ThreadPoolExecutor(CORE_THREADS, MAX_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUE), factory);
        return ownPool;
    }

    @PreDestroy
    void shutDown() {
        if (ownPool != null) {
            ownPool.shutdown();
        }
        deadlines.stop();
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
    public ExecutorService observers() {
        return observers;
    }

    /** Settles dispatches whose deadline passed, on a container-managed thread. */
    DeadlineWatch deadlines() {
        return deadlines;
    }

    /** Timers: pings, reconnects, watchdogs. */
    public ManagedScheduledExecutorService timers() {
        return timers;
    }
}
