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
import java.util.concurrent.SynchronousQueue;
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
 * {@link ManagedExecutorService}. With a thread factory larkee runs its own bounded pool (up to
 * {@value #MAX_THREADS} threads, all started before anything queues, then {@value #QUEUE} queued
 * tasks) on container-managed threads: their context is captured once per thread. Threads come
 * before the queue so that a few slow observers never hold fast callbacks behind them in it. The
 * long connection's blocking bootstrap and dial get a pool of their own ({@link #connecting()}), so
 * slow observers cannot starve the connection, and expired dispatches are answered on a third. A managed executor
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

    static final int MAX_THREADS = 64;
    static final int QUEUE = 4096;
    /** Bootstraps and dials at once: one per connection at most (the platform's cap is 50). */
    static final int CONNECTING_THREADS = 50;
    /** Fallback answers written at once; past that the deadline watch writes them itself. */
    static final int FALLBACK_THREADS = 8;
    /** Open API calls (card updates, token refreshes) at once: the platform takes 50 updates a second. */
    static final int OPEN_API_THREADS = 8;
    static final int OPEN_API_QUEUE = 2048;

    private ExecutorService observers;
    private ManagedThreadFactory threadFactory;
    private ThreadPoolExecutor ownPool;
    private ThreadPoolExecutor connecting;
    private ThreadPoolExecutor fallbacks;
    private ThreadPoolExecutor openApi;
    private ManagedScheduledExecutorService timers;
    private DeadlineWatch deadlines;

    @PostConstruct
    void lookUp() {
        threadFactory = defaultThreadFactory;
        observers = observerExecutor(configuration.executor());
        connecting = new ThreadPoolExecutor(0, CONNECTING_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                named(threadFactory, "larkee-connect"));
        fallbacks = new ThreadPoolExecutor(0, FALLBACK_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                named(threadFactory, "larkee-fallback"));
        deadlines = new DeadlineWatch(fallbacks);
        openApi = new ThreadPoolExecutor(OPEN_API_THREADS, OPEN_API_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(OPEN_API_QUEUE), named(threadFactory, "larkee-open-api"));
        openApi.allowCoreThreadTimeOut(true);
        // One timer per callback is too hot a path for a managed scheduler (per-task context capture).
        Thread watch = threadFactory.newThread(deadlines);
        watch.setName("larkee-deadline-watch");
        watch.setDaemon(true);
        watch.start();
        timers = lookUp(configuration.scheduler(), ManagedScheduledExecutorService.class, defaultScheduler,
                configuration.schedulerNamed());
    }

    private ExecutorService observerExecutor(String name) {
        Object bound;
        try {
            bound = new InitialContext().lookup(name);
        } catch (NamingException e) {
            LOG.fine(() -> "larkee: looking up '" + name + "' failed: " + e);
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
            String line = "larkee: no ManagedThreadFactory or ManagedExecutorService bound at '" + name
                    + "'; observers run on the server's default managed thread factory "
                    + "(java:comp/DefaultManagedThreadFactory)";
            if (configuration.executorNamed()) {
                LOG.warning(line + ". Create it, or point " + LarkeeConfiguration.EXECUTOR + " at one that exists.");
            } else {
                // Unset: larkee's own pool exists only where payara-config made it; the default is fine.
                LOG.info(line + ", as on any server without payara-config's concurrent/larkee.");
            }
            factory = defaultThreadFactory;
        }
        // Bounded like a managed executor, but threads first: all MAX_THREADS may start before a task
        // queues (core = max, idle ones time out), then the queue, then RejectedExecutionException
        // (answered as BUSY by the dispatcher).
        ownPool = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUE), factory);
        ownPool.allowCoreThreadTimeOut(true);
        return ownPool;
    }

    @PreDestroy
    void shutDown() {
        if (ownPool != null) {
            ownPool.shutdown();
        }
        connecting.shutdown();
        openApi.shutdown();
        deadlines.stop();
        fallbacks.shutdown();
    }

    private static <T> T lookUp(String name, Class<T> type, T fallback, boolean named) {
        try {
            return type.cast(new InitialContext().lookup(name));
        } catch (NamingException | ClassCastException e) {
            String line = "larkee: no " + type.getSimpleName() + " bound at '" + name + "' (" + e
                    + "); using the server's default one";
            if (named) {
                LOG.warning(line + ". Create it, or point " + LarkeeConfiguration.SCHEDULER + " at one that exists.");
            } else {
                LOG.info(line + ", as on any server without payara-config's concurrent/larkee-scheduler.");
            }
            return fallback;
        }
    }

    /** Where observers run: never the container's request or WebSocket threads. */
    public ExecutorService observers() {
        return observers;
    }

    /** Where calls to the platform's open API run (blocking HTTP): never the observers' pool. */
    public ExecutorService openApi() {
        return openApi;
    }

    /** Where the long connection bootstraps and dials (blocking work): never the observers' pool. */
    public ExecutorService connecting() {
        return connecting;
    }

    private static java.util.concurrent.ThreadFactory named(ManagedThreadFactory factory, String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return task -> {
            Thread t = factory.newThread(task);
            t.setName(name + "-" + n.incrementAndGet());
            return t;
        };
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
