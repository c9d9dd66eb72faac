package dev.larkee.standalone;

import com.sun.net.httpserver.HttpServer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A simulated open platform for one app in a plain JVM, serving any number of larkee instances at
 * once as the real one does: the bootstrap at {@code POST {base}/callback/ws/endpoint}, the long
 * connection (pongs, cluster delivery of pushes to one random instance, re-delivery of what is not
 * acknowledged, the 50-connection limit), and webhook POSTs with retries on the next target.
 * Everything binds to 127.0.0.1; all threads are daemons, and {@link #close()} stops them.
 *
 * <pre>{@code
 * try (StandaloneSimulator platform = StandaloneSimulator.start(SimulatorOptions.builder(appId, secret).build())) {
 *     // start larkee instances with larkee.domain = platform.base()
 *     platform.awaitConnections(2, Duration.ofSeconds(30));
 *     Ack ack = platform.send("event", json).ack().get(10, TimeUnit.SECONDS);
 * }
 * }</pre>
 */
public final class StandaloneSimulator implements AutoCloseable {

    /** Path of the WebSocket endpoint; the bootstrap's URLs point there. */
    static final String WS_PATH = "/ws";
    /** How long {@link #close()} waits for clients to answer its close frames. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final String appId;
    private final ConnectionRegistry connections;
    private final AtLeastOnceDispatcher dispatcher;
    private final WebhookPoster webhooks;
    private final Bootstrap bootstrap;
    private final LoopbackWebSocketServer webSocketServer;
    private final HttpServer httpServer;
    private final ScheduledThreadPoolExecutor timers;
    private final ExecutorService threads;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StandaloneSimulator(String appId, ConnectionRegistry connections, AtLeastOnceDispatcher dispatcher,
            WebhookPoster webhooks, Bootstrap bootstrap, LoopbackWebSocketServer webSocketServer, HttpServer httpServer,
            ScheduledThreadPoolExecutor timers, ExecutorService threads) {
        this.appId = appId;
        this.connections = connections;
        this.dispatcher = dispatcher;
        this.webhooks = webhooks;
        this.bootstrap = bootstrap;
        this.webSocketServer = webSocketServer;
        this.httpServer = httpServer;
        this.timers = timers;
        this.threads = threads;
    }

    /** Starts the bootstrap and WebSocket servers; closes what it started when one fails. */
    public static StandaloneSimulator start(SimulatorOptions options) throws IOException {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("larkee-sim-timer"));
        timers.setRemoveOnCancelPolicy(true); // acked messages' timeouts must not pile up in the queue
        // For the bootstrap's HTTP exchanges and the webhook client: two threads suffice for a test tool.
        ExecutorService threads = Executors.newFixedThreadPool(2, DaemonThreads.named("larkee-sim-http"));
        LoopbackWebSocketServer ws = null;
        try {
            ConnectionRegistry connections = new ConnectionRegistry();
            TicketBook tickets = new TicketBook();
            AtLeastOnceDispatcher dispatcher = new AtLeastOnceDispatcher(connections, timers,
                    options.redeliveryTimeout(), options.maxAttempts(), options.maxWaiting());
            HandshakeGate gate = new HandshakeGate(tickets, connections, options.maxConnections(),
                    () -> new PlatformSocket(connections, dispatcher, options.clientConfig(), options.maxConnections()));
            ws = LoopbackWebSocketServer.start(
                    ServerEndpointConfig.Builder.create(PlatformSocket.class, WS_PATH).configurator(gate).build(),
                    options.webSocketPort());
            String wsUrl = "ws://" + LoopbackWebSocketServer.HOST + ":" + ws.getPort() + WS_PATH;
            Bootstrap bootstrap = new Bootstrap(new AppCredentials(options.appId(), options.appSecret()), connections,
                    tickets, options.clientConfig(), options.maxConnections(), wsUrl);
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LoopbackWebSocketServer.HOST),
                    options.httpPort()), 64);
            http.createContext(BootstrapHttpHandler.PATH, new BootstrapHttpHandler(bootstrap));
            http.setExecutor(threads);
            http.start();
            WebhookPoster webhooks = new WebhookPoster(threads, timers, options.webhookRetrySchedule(),
                    options.webhookTimeout());
            return new StandaloneSimulator(options.appId(), connections, dispatcher, webhooks, bootstrap, ws, http,
                    timers, threads);
        } catch (IOException | DeploymentException | RuntimeException e) {
            if (ws != null) {
                ws.stop();
            }
            timers.shutdownNow();
            threads.shutdownNow();
            throw e instanceof IOException io ? io : new IOException("cannot start the simulator: " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:PORT}: the value of larkee's {@code larkee.domain}. */
    public String base() {
        return "http://" + LoopbackWebSocketServer.HOST + ":" + httpServer.getAddress().getPort();
    }

    /** The port of the WebSocket endpoint (the bootstrap hands out its URLs). */
    public int webSocketPort() {
        return webSocketServer.getPort();
    }

    /** The app this platform serves. */
    public String appId() {
        return appId;
    }

    /**
     * Pushes one message as a single data frame to one random open connection; re-delivered after
     * the timeout until acknowledged or given up. With no connection open it waits for one.
     *
     * @param type        the frame type, {@code "event"} (events and new-style callbacks) or {@code "card"}
     * @param jsonPayload the schema 2.0 body, as a webhook would carry it in plaintext
     * @throws IllegalStateException when closed, or when no connection is open and the waiting queue is full
     */
    public Delivery send(String type, String jsonPayload) {
        return dispatcher.send(type, jsonPayload);
    }

    /**
     * Pushes one message to connection {@code deviceId} first (re-deliveries then go anywhere): to hand
     * one event to chosen clients, as the platform does when it re-delivers it to another one.
     *
     * @throws IllegalArgumentException when that connection is not open
     */
    public Delivery sendTo(String deviceId, String type, String jsonPayload) {
        return dispatcher.send(deviceId, type, jsonPayload);
    }

    /** Where {@link #postWebhook} sends, in turn; http or https URLs of larkee's webhook endpoint. */
    public void setWebhookTargets(List<URI> targets) {
        webhooks.targets(targets);
    }

    /**
     * POSTs {@code jsonBody} to the next webhook target; on failure (no connection, timeout, non-2xx)
     * retries on the following target after each pause of the retry schedule.
     *
     * @param headers extra request headers (e.g. X-Lark-Signature); Content-Type defaults to JSON UTF-8
     * @throws IllegalStateException    when no target is set
     * @throws IllegalArgumentException for a header that HttpClient sets itself (Host, Content-Length, …)
     */
    public CompletableFuture<WebhookOutcome> postWebhook(String jsonBody, Map<String, String> headers) {
        return webhooks.post(jsonBody, headers);
    }

    /** The counters now: connections, bootstraps, pushes and acks, webhook posts. */
    public SimulatorStats stats() {
        return new SimulatorStats(connections.size(), bootstrap.requests(), bootstrap.refused(), dispatcher.stats(),
                webhooks.stats());
    }

    /** The open connections, oldest first. */
    public List<ConnectionInfo> connections() {
        return connections.infos();
    }

    /**
     * Waits until at least {@code n} connections are open, waking on each open and close.
     *
     * @return false when {@code timeout} passed first
     */
    public boolean awaitConnections(int n, Duration timeout) throws InterruptedException {
        return connections.await(open -> open >= n, timeout);
    }

    /**
     * Waits until at most {@code n} connections are open, e.g. until a stopped instance's socket is
     * gone (the server sees a close a moment after the client sent it).
     *
     * @return false when {@code timeout} passed first
     */
    public boolean awaitConnectionsAtMost(int n, Duration timeout) throws InterruptedException {
        return connections.await(open -> open <= n, timeout);
    }

    /**
     * Closes one connection from the platform's side with a close frame ({@code code} e.g. 1000,
     * 1001, 4000), as the platform does on maintenance; its unacknowledged messages are re-delivered.
     *
     * @return false when no such connection is open
     */
    public boolean disconnect(String deviceId, int code) {
        for (ClientConnection c : connections.all()) {
            if (c.deviceId().equals(deviceId)) {
                c.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), "closed by the simulator"));
                return true;
            }
        }
        return false;
    }

    /**
     * Fails unacknowledged deliveries and unfinished webhook posts, closes every connection with 1001
     * (going away: clients reconnect), and stops servers and threads. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        AtomicReference<RuntimeException> first = new AtomicReference<>();
        run(first, dispatcher::close);
        run(first, webhooks::close);
        for (ClientConnection c : connections.all()) {
            run(first, () -> c.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "simulator stopped")));
        }
        // Stopping the server cuts TCP at once: give the close frames a bounded moment to be answered
        // first, so clients see 1001 (going away: reconnect) and not 1006 (abnormal).
        run(first, () -> {
            try {
                connections.await(open -> open == 0, CLOSE_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        run(first, webSocketServer::stop);
        run(first, () -> httpServer.stop(0));
        timers.shutdownNow();
        threads.shutdownNow();
        if (first.get() != null) {
            throw first.get();
        }
    }

    /** Runs one shutdown step; a failure is kept for later so the remaining steps still run. */
    private static void run(AtomicReference<RuntimeException> first, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            if (!first.compareAndSet(null, e)) {
                first.get().addSuppressed(e);
            }
        }
    }
}
