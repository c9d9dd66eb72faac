package dev.larkee.longconnection;

import dev.larkee.cluster.DataGrid;
import dev.larkee.cluster.SharedConnectionSlots;
import dev.larkee.configuration.LarkeeConfiguration;
import dev.larkee.dispatch.Dispatcher;
import dev.larkee.dispatch.PendingDispatch;
import dev.larkee.dispatch.ObserverExecutors;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * Owns the {@code larkee.long-connection.connections} long connections. Starts them after
 * deployment without blocking it (the first connect is scheduled, never done in
 * {@code @PostConstruct}) and stops them on undeploy: no more frames are taken, replies under way
 * get up to {@code larkee.long-connection.shutdown-grace-ms} to be acknowledged, then every socket
 * is closed with 1000 and every timer and thread released.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LongConnections {

    private static final Logger LOG = Logger.getLogger(LongConnections.class.getName());

    @Inject
    LarkeeConfiguration configuration;

    @Inject
    Dispatcher dispatcher;

    @Inject
    ObserverExecutors executors;

    @Inject
    WebContextPath webContextPath;

    @Inject
    DataGrid grid;

    /** The map of the app's connection slots in the data grid; its entries never expire (leases do). */
    static final String SLOTS_MAP = "larkee-connection-slots";

    private final Object lock = new Object();
    private List<LongConnection> connections = List.of();
    private EndpointDiscovery discovery;
    private WebSocketSupport webSocket;
    private ScheduledFuture<?> startTimer;
    private ScheduledFuture<?> renewTimer;
    private ConnectionSlots slots = ConnectionSlots.local(1);
    private boolean stopped;

    /** How long the first connect waits when the peer is the simulator in this same deployment. */
    static final long SIMULATOR_START_DELAY_MS = 1500;

    @PostConstruct
    void scheduleStart() {
        if (!configuration.longConnectionEnabled()) {
            LOG.info(() -> "larkee: long connection off (" + LarkeeConfiguration.LC_ENABLED + "=false)");
            return;
        }
        // Never connect here: the web module (and the simulator, when it is the peer) is not up yet.
        webContextPath.future().thenAccept(path -> {
            synchronized (lock) {
                if (!stopped) {
                    startTimer = executors.timers().schedule(() -> start(path), 0, TimeUnit.MILLISECONDS);
                }
            }
        });
    }

    private void start(String endpoints) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            try {
                discovery = new EndpointDiscovery(
                        configuration.domain(endpoints).endpointDiscovery(),
                        configuration.appId(), configuration.appSecret(), configuration.bootstrapTimeoutMs(),
                        configuration.proxy());
                webSocket = WebSocketSupport.create(configuration.handshakeTimeoutMs(), configuration.proxy());
                slots = slots();
                LongConnection.Wiring wiring = new LongConnection.Wiring(discovery::discover, webSocket,
                        (inbound, settled) -> {
                            PendingDispatch pending = dispatcher.dispatch(inbound);
                            pending.whenSettled(result -> {
                                settled.accept(result);
                                pending.markAnswered();
                            });
                        },
                        executors.connecting(), executors.timers(), new ReconnectPolicy(new SecureRandom()),
                        configuration.livenessMultiple(), slots, configuration.cluster().standbyCheckMs());
                connections = IntStream.rangeClosed(1, configuration.connections())
                        .mapToObj(i -> new LongConnection(i, wiring))
                        .toList();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "larkee: the long connection could not start", e);
                return;
            }
            LOG.info(() -> "larkee: starting " + connections.size() + " long connection(s) to "
                    + (configuration.simulated() ? "the local simulator" : configuration.domain("").name())
                    + "; the app's cap of " + slots.cap() + " is counted in " + slots.describe());
            // Spread the first bootstraps a little so N connections do not hit the platform in one burst.
            // The embedded simulator is served by this very deployment, whose JAX-RS endpoints answer
            // only once deployment has finished: give it a moment rather than a first 404.
            long first = configuration.simulated() ? SIMULATOR_START_DELAY_MS : 0;
            for (int i = 0; i < connections.size(); i++) {
                connections.get(i).start(first + i * 50L);
            }
        }
    }

    /**
     * The app's connection slots: shared through the data grid when the instances have one (renewed
     * here; a slot another instance took over puts its connection in standby), else this instance's.
     */
    private ConnectionSlots slots() {
        int cap = configuration.cluster().connectionCap();
        return grid.map(SLOTS_MAP, 0).<ConnectionSlots>map(map -> {
            SharedConnectionSlots shared = new SharedConnectionSlots(map, configuration.appId(), grid.instanceId(), cap);
            renewTimer = executors.timers().scheduleWithFixedDelay(() -> shared.renewAll(this::lostSlot),
                    SharedConnectionSlots.RENEW_MS, SharedConnectionSlots.RENEW_MS, TimeUnit.MILLISECONDS);
            return shared;
        }).orElseGet(() -> ConnectionSlots.local(cap));
    }

    private void lostSlot(int index) {
        synchronized (lock) {
            if (!stopped && index >= 1 && index <= connections.size()) {
                connections.get(index - 1).restart();
            }
        }
    }

    /** The app's cap of connections, and how many of its slots this instance holds. */
    public ConnectionSlots connectionSlots() {
        synchronized (lock) {
            return slots;
        }
    }

    /** Whether the long connection is configured on. */
    public boolean enabled() {
        return configuration.longConnectionEnabled();
    }

    /** A snapshot of every connection (empty before the start or when disabled). */
    public List<ConnectionStatus> status() {
        synchronized (lock) {
            return connections.stream().map(LongConnection::status).toList();
        }
    }

    /** Reconnects every connection now with a fresh bootstrap, including those that gave up. */
    public void restart() {
        synchronized (lock) {
            if (stopped) {
                throw new IllegalStateException("long connections are stopped");
            }
            connections.forEach(LongConnection::restart);
        }
    }

    /**
     * The undeploy sequence, also callable on its own (tests, console): stop taking frames, let
     * replies under way finish for at most {@code shutdown-grace-ms}, close every socket with 1000.
     *
     * @return the replies still in flight when the grace period ended (0 when all finished)
     */
    public long stop() {
        List<LongConnection> current;
        synchronized (lock) {
            stopped = true;
            if (startTimer != null) {
                startTimer.cancel(false);
            }
            current = connections;
        }
        current.forEach(LongConnection::beginStop);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(configuration.shutdownGraceMs());
        try {
            for (LongConnection c : current) {
                c.awaitReplies(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long abandoned = current.stream().mapToLong(LongConnection::inFlight).sum();
        if (abandoned > 0) {
            LOG.warning(() -> "larkee: " + abandoned + " long-connection replies still running after "
                    + configuration.shutdownGraceMs() + " ms; closing without their acks");
        }
        current.forEach(LongConnection::finishStop);
        return abandoned;
    }

    /** Starts again after {@link #stop()} (tests, console). */
    public void resume() {
        synchronized (lock) {
            if (!stopped || !configuration.longConnectionEnabled()) {
                return;
            }
            stopped = false;
            connections.forEach(LongConnection::restart);
        }
    }

    @PreDestroy
    void shutdown() {
        stop();
        synchronized (lock) {
            if (discovery != null) {
                discovery.close();
            }
            if (webSocket != null) {
                webSocket.shutdown();
            }
            if (renewTimer != null) {
                renewTimer.cancel(false);
            }
        }
    }
}
