package dev.larkee.longconnection;

import dev.larkee.dispatch.DispatchResult;
import dev.larkee.dispatch.Inbound;
import dev.larkee.dispatch.StrictJson;
import dev.larkee.dispatch.WireText;
import jakarta.json.JsonObject;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One long connection and its whole life: bootstrap, handshake, pings, liveness watchdog, data
 * frames to the dispatcher and acks back, reconnects. Every socket gets a new generation number;
 * timers and state changes of an older generation are dropped, so a stale timer never acts. Every
 * data frame that arrives on a socket is dispatched, whenever it arrives (also on a socket that
 * has since been replaced), and acknowledged on <em>that</em> socket while it is open: an ack never
 * reaches another socket. Only a stopping connection takes no more frames. Blocking work
 * (bootstrap, dial) runs on the managed executor, timers on the managed scheduler; observers never
 * run on the WebSocket thread.
 */
final class LongConnection {

    private static final Logger LOG = Logger.getLogger(LongConnection.class.getName());

    /** What a connection needs from its owner; shared by all connections. */
    record Wiring(Bootstrap discovery, WebSocketSupport webSocket, DispatchPort dispatcher,
            Executor work, ScheduledExecutorService timers, ReconnectPolicy policy, int livenessMultiple,
            ConnectionSlots slots, long standbyCheckMs) {

        /** One instance alone, its cap the platform's. */
        Wiring(Bootstrap discovery, WebSocketSupport webSocket, DispatchPort dispatcher, Executor work,
                ScheduledExecutorService timers, ReconnectPolicy policy, int livenessMultiple) {
            this(discovery, webSocket, dispatcher, work, timers, policy, livenessMultiple, ConnectionSlots.local(50), 5_000);
        }
    }

    /** The bootstrap call ({@link EndpointDiscovery#discover}). */
    interface Bootstrap {
        Endpoint discover(ClientConfig current, Consumer<String> rejectedConfig) throws ConnectFailure;
    }

    /** The dispatcher as the long connection uses it: {@code settled} runs once, at the deadline at the latest. */
    interface DispatchPort {
        void dispatch(Inbound inbound, Consumer<DispatchResult> settled);
    }

    private final int index;
    private final Wiring wiring;
    private final FragmentAssembler assembler = new FragmentAssembler();
    private final PeerWarnings warnings = new PeerWarnings(LOG);
    private final Object lock = new Object();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong opens = new AtomicLong();

    // Guarded by lock; generation is also read without it on the hot path.
    private volatile long generation;
    private ConnectionState state = ConnectionState.IDLE;
    private Session session;
    private volatile String deviceId = "";
    private int serviceId;
    private ClientConfig clientConfig = ClientConfig.DEFAULTS;
    private int episodeAttempts;
    private String lastError = "";
    private Instant connectedSince;
    private volatile boolean stopping; // also read without the lock: frames are not taken once it is set
    private ScheduledFuture<?> attemptTimer;
    private ScheduledFuture<?> pingTimer;
    /** Bumped whenever the ping timer is replaced or dropped: a tick of an older round neither pings nor reschedules. */
    private long pingRound;
    /** Whether the platform answered a ping on the current socket: readiness waits for it (the peer has us registered). */
    private boolean ponged;
    private ScheduledFuture<?> watchTimer;
    private volatile long lastInboundNanos;
    private volatile Instant lastPong;

    LongConnection(int index, Wiring wiring) {
        this.index = index;
        this.wiring = wiring;
    }

    /** Schedules the first attempt. */
    void start(long delayMs) {
        synchronized (lock) {
            scheduleAttempt(delayMs);
        }
    }

    /** Drops the current socket (if any) and connects again now, also from FAILED. */
    void restart() {
        Session old;
        synchronized (lock) {
            generation++;
            old = detach();
            stopping = false;
            episodeAttempts = 0;
            lastError = "";
            state = ConnectionState.RECONNECTING;
            scheduleAttempt(0);
        }
        close(old, "larkee reconnecting");
    }

    ConnectionStatus status() {
        synchronized (lock) {
            return new ConnectionStatus(index, state, deviceId, isAlive(), attempts.get(), lastError, connectedSince,
                    clientConfig, lastPong, Math.max(0, opens.get() - 1), assembler.bufferedBytes());
        }
    }

    // ---- connecting -------------------------------------------------------------------------

    private void scheduleAttempt(long delayMs) {
        cancel(attemptTimer);
        attemptTimer = wiring.timers().schedule(() -> {
            try {
                wiring.work().execute(this::attempt);
            } catch (RejectedExecutionException e) {
                // Executor full or shutting down: treat as a failed attempt so the back-off applies.
                failed(generation, ConnectFailure.retryable("no thread free to connect"));
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    private void attempt() {
        long gen;
        ClientConfig config;
        synchronized (lock) {
            if (stopping || state == ConnectionState.FAILED || state == ConnectionState.CONNECTED) {
                return;
            }
            state = ConnectionState.CONNECTING;
            gen = ++generation;
            config = clientConfig;
        }
        if (!wiring.slots().hold(index)) {
            standBy(gen);
            return;
        }
        attempts.incrementAndGet();
        try {
            Endpoint endpoint = wiring.discovery().discover(config, rejected -> warnings.warn(
                    PeerWarnings.Kind.BAD_CLIENT_CONFIG, () -> prefix() + "ignored ClientConfig value " + WireText.forLog(rejected)));
            synchronized (lock) {
                if (gen != generation || stopping) {
                    return;
                }
                clientConfig = endpoint.config();
                deviceId = endpoint.deviceId();
                serviceId = endpoint.serviceId();
            }
            dial(gen, endpoint);
        } catch (ConnectFailure f) {
            failed(gen, f);
        } catch (RuntimeException e) {
            failed(gen, ConnectFailure.retryable("unexpected " + Redaction.describe(e)));
        }
    }

    private void dial(long gen, Endpoint endpoint) throws ConnectFailure {
        CompletableFuture<Map<String, List<String>>> answer = new CompletableFuture<>();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void afterResponse(HandshakeResponse response) {
                        answer.complete(response.getHeaders());
                    }
                }).build();
        Session opened;
        try {
            opened = wiring.webSocket().container().connectToServer(new Socket(gen), config, endpoint.url());
        } catch (DeploymentException | IOException e) {
            int status = wiring.webSocket().refusedStatus(e).orElse(0);
            Map<String, List<String>> headers = Map.of();
            try {
                // Tyrus reports the refusal before it hands the response to the configurator.
                headers = answer.get(status == 0 ? 0 : 1000, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException none) {
                // no response seen: a transport error, classified by status alone
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            if (status == 0 && headers.isEmpty()) {
                throw ConnectFailure.retryable("handshake failed: " + Redaction.describe(e));
            }
            if (headers.isEmpty()) {
                // Refused, but the client kept the platform's Handshake-* headers to itself (Undertow).
                headers = wiring.webSocket().refusalHeaders(endpoint.url());
            }
            throw HandshakeRejection.classify(headers, status);
        }
        synchronized (lock) {
            if (gen == generation && !stopping) {
                return;
            }
        }
        close(opened, "larkee stopping");
    }

    /** No slot of the app's cap is free: wait, and look again every standby-check-ms. */
    private void standBy(long gen) {
        String entered;
        synchronized (lock) {
            if (gen != generation || stopping) {
                return;
            }
            entered = state == ConnectionState.STANDBY ? null : "standby: the app's " + wiring.slots().cap()
                    + " long connections (larkee.cluster.connection-cap) are all open, counted in " + wiring.slots().describe();
            if (entered != null) {
                lastError = entered;
            }
            state = ConnectionState.STANDBY;
            scheduleAttempt(wiring.standbyCheckMs());
        }
        if (entered != null) {
            LOG.info(() -> prefix() + entered + "; checking for a free slot every " + wiring.standbyCheckMs() + " ms");
        }
    }

    private void failed(long gen, ConnectFailure f) {
        String message;
        synchronized (lock) {
            if (gen != generation || stopping) {
                return;
            }
            lastError = f.getMessage();
            if (f.fatal()) {
                state = ConnectionState.FAILED;
                wiring.slots().release(index);
                LOG.severe(prefix() + "stopped for good: " + f.getMessage()
                        + ". Check larkee.app-id / larkee.app-secret and the app's long-connection permission, then redeploy.");
                return;
            }
            if (wiring.policy().exhausted(clientConfig, episodeAttempts)) {
                state = ConnectionState.FAILED;
                wiring.slots().release(index);
                LOG.severe(prefix() + "gave up after " + episodeAttempts + " reconnect attempts (ReconnectCount "
                        + clientConfig.reconnectCount() + "); last error: " + f.getMessage());
                return;
            }
            episodeAttempts++;
            long delay = wiring.policy().afterFailureMs(clientConfig, episodeAttempts);
            state = ConnectionState.RECONNECTING;
            scheduleAttempt(delay);
            message = prefix() + "connect attempt failed (" + f.getMessage() + "); retrying in " + delay + " ms";
        }
        LOG.warning(message);
    }

    /** A connected socket is gone: closed, broken or silent. */
    private void lost(long gen, String reason) {
        Session old;
        long delay;
        synchronized (lock) {
            if (gen != generation || stopping || state != ConnectionState.CONNECTED) {
                return;
            }
            generation++;
            old = detach();
            lastError = reason;
            if (wiring.policy().exhausted(clientConfig, 0)) {
                state = ConnectionState.FAILED;
                wiring.slots().release(index);
                delay = -1;
            } else {
                episodeAttempts = 1;
                delay = wiring.policy().afterLossMs(clientConfig);
                state = ConnectionState.RECONNECTING;
                scheduleAttempt(delay);
            }
        }
        if (delay < 0) {
            LOG.severe(prefix() + "connection lost (" + reason + ") and ReconnectCount is 0: not reconnecting");
        } else {
            LOG.warning(prefix() + "connection lost (" + reason + "); reconnecting in " + delay + " ms");
        }
        close(old, "larkee reconnecting");
    }

    /** Clears the current socket and its timers; the caller holds the lock and closes the session. */
    private Session detach() {
        Session old = session;
        session = null;
        connectedSince = null;
        cancel(pingTimer);
        cancel(watchTimer);
        cancel(attemptTimer);
        pingTimer = null;
        pingRound++;
        watchTimer = null;
        ponged = false;
        return old;
    }

    // ---- the socket ---------------------------------------------------------------------------

    /** One socket's callbacks, tagged with its generation; acks of its frames go back on it alone. */
    private final class Socket extends jakarta.websocket.Endpoint {
        private final long gen;
        private volatile Session own;

        Socket(long gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen(Session s, EndpointConfig config) {
            own = s;
            // First: whatever arrives from now on is taken (dispatched and acked on this socket).
            s.addMessageHandler(ByteBuffer.class, bytes -> onBinary(this, bytes));
            s.addMessageHandler(String.class, text -> LOG.fine(() -> prefix() + "ignored a text message"));
            s.setMaxIdleTimeout(0); // liveness is ours: the watchdog below
            long round;
            synchronized (lock) {
                if (gen != generation || stopping) {
                    close(s, "larkee stopping");
                    return;
                }
                session = s;
                opens.incrementAndGet();
                state = ConnectionState.CONNECTED;
                connectedSince = Instant.now();
                lastInboundNanos = System.nanoTime();
                ponged = false;
                episodeAttempts = 0; // lastError stays: it tells why the previous socket ended
                round = ++pingRound;
            }
            LOG.info(() -> prefix() + "connected");
            pingTick(gen, round);
            scheduleWatch(gen);
        }

        @Override
        public void onClose(Session s, CloseReason reason) {
            lost(gen, "closed with " + reason.getCloseCode().getCode()
                    + (reason.getReasonPhrase() == null || reason.getReasonPhrase().isEmpty() ? ""
                            : " " + WireText.forLog(reason.getReasonPhrase()))); // the peer's words: kept in last_error
        }

        @Override
        public void onError(Session s, Throwable failure) {
            lost(gen, "transport error " + Redaction.describe(failure));
        }
    }

    // ---- control: ping, pong, watchdog --------------------------------------------------------

    /**
     * Pings now and schedules the next ping, if this tick is still the current round: one ping loop
     * per socket, whichever of the timer and a pong (a shorter PingInterval) replaced it last.
     */
    private void pingTick(long gen, long round) {
        int service;
        synchronized (lock) {
            if (gen != generation || stopping || state != ConnectionState.CONNECTED || round != pingRound) {
                return;
            }
            service = serviceId;
            schedulePing(gen, clientConfig.pingIntervalSeconds());
        }
        send(gen, FrameCodec.encode(FrameCodec.ping(service)), "ping");
    }

    /** Replaces the pending ping (the caller holds the lock). */
    private void schedulePing(long gen, int delaySeconds) {
        cancel(pingTimer);
        long next = ++pingRound;
        pingTimer = wiring.timers().schedule(() -> pingTick(gen, next), delaySeconds, TimeUnit.SECONDS);
    }

    private void scheduleWatch(long gen) {
        if (wiring.livenessMultiple() == 0) {
            return;
        }
        synchronized (lock) {
            if (gen != generation || stopping) {
                return;
            }
            cancel(watchTimer);
            long remaining = livenessWindowNanos() - (System.nanoTime() - lastInboundNanos);
            watchTimer = wiring.timers().schedule(() -> watchTick(gen), Math.max(remaining, 0), TimeUnit.NANOSECONDS);
        }
    }

    private void watchTick(long gen) {
        long silentNanos = System.nanoTime() - lastInboundNanos;
        long window;
        synchronized (lock) {
            window = livenessWindowNanos();
        }
        if (silentNanos >= window) {
            lost(gen, "nothing heard for " + TimeUnit.NANOSECONDS.toSeconds(silentNanos) + " s (liveness-multiple "
                    + wiring.livenessMultiple() + " x PingInterval)");
        } else {
            scheduleWatch(gen);
        }
    }

    private long livenessWindowNanos() {
        return TimeUnit.SECONDS.toNanos((long) wiring.livenessMultiple() * clientConfig.pingIntervalSeconds());
    }

    private boolean isAlive() {
        if (state != ConnectionState.CONNECTED || !ponged) {
            return false;
        }
        return wiring.livenessMultiple() == 0 || System.nanoTime() - lastInboundNanos < livenessWindowNanos();
    }

    private void onPong(long gen, Frame frame) {
        synchronized (lock) {
            if (gen != generation || state != ConnectionState.CONNECTED) {
                return;
            }
            ponged = true;
            lastPong = Instant.now();
        }
        byte[] payload = frame.payloadOrEmpty();
        if (payload.length == 0) {
            return;
        }
        JsonObject json = ClientConfig.parse(payload).orElse(null);
        if (json == null) {
            warnings.warn(PeerWarnings.Kind.BAD_PONG, () -> prefix() + "ignored a pong whose payload is not a JSON object");
            return;
        }
        synchronized (lock) {
            if (gen != generation) {
                return;
            }
            ClientConfig.Merge merge = clientConfig.merge(json);
            merge.rejected().forEach(r -> warnings.warn(PeerWarnings.Kind.BAD_CLIENT_CONFIG,
                    () -> prefix() + "ignored ClientConfig value " + WireText.forLog(r)));
            ClientConfig old = clientConfig;
            clientConfig = merge.config();
            if (!old.equals(clientConfig)) {
                LOG.info(() -> prefix() + "ClientConfig now " + clientConfig);
            }
            if (clientConfig.pingIntervalSeconds() < old.pingIntervalSeconds() && pingTimer != null) {
                // A shorter period applies now rather than after the long sleep already under way.
                schedulePing(gen, clientConfig.pingIntervalSeconds());
            }
        }
        scheduleWatch(gen);
    }

    // ---- data ---------------------------------------------------------------------------------

    private void onBinary(Socket socket, ByteBuffer buffer) {
        if (stopping) {
            return; // undeploying: no more frames are taken
        }
        boolean current = socket.gen == generation;
        if (current) {
            lastInboundNanos = System.nanoTime();
        }
        Frame frame;
        try {
            frame = FrameCodec.decode(buffer);
        } catch (FrameException e) {
            warnings.warn(PeerWarnings.Kind.BAD_FRAME, () -> prefix() + "ignored a frame: " + WireText.forLog(e.getMessage()));
            return;
        }
        if (frame.method() == Frame.Method.CONTROL) {
            if (FrameCodec.PONG.equals(frame.type())) {
                onPong(socket.gen, frame);
            }
            return; // server pings and unknown control types are ignored, as by every SDK
        }
        onData(socket, frame);
    }

    private void onData(Socket socket, Frame frame) {
        String type = frame.type();
        if (!FrameCodec.EVENT.equals(type) && !FrameCodec.CARD.equals(type)) {
            warnings.warn(PeerWarnings.Kind.UNKNOWN_TYPE,
                    () -> prefix() + "ignored a data frame of type '" + WireText.forLog(type) + "'");
            return;
        }
        String messageId = frame.header(FrameCodec.MESSAGE_ID).orElse("");
        int sum;
        int seq;
        try {
            sum = Integer.parseInt(frame.header(FrameCodec.SUM).orElse("1"));
            seq = Integer.parseInt(frame.header(FrameCodec.SEQ).orElse("0"));
        } catch (NumberFormatException e) {
            warnings.warn(PeerWarnings.Kind.BAD_SUM_SEQ,
                    () -> prefix() + "ignored message " + WireText.forLog(messageId) + ": sum/seq not numbers");
            return;
        }
        FragmentAssembler.Result part = assembler.accept(messageId, sum, seq, frame.payloadOrEmpty());
        switch (part.status()) {
            case COMPLETE -> deliver(socket, frame, part.payload());
            case REJECTED -> warnings.warn(PeerWarnings.Kind.DROPPED_MESSAGE,
                    () -> prefix() + "dropped message " + WireText.forLog(messageId) + ": " + part.reason());
            case DUPLICATE -> LOG.fine(() -> prefix() + "ignored a duplicate fragment of message " + WireText.forLog(messageId));
            case PENDING -> {
                // waiting for the other fragments
            }
        }
    }

    /** Dispatches a complete message (type event or card alike: routed by its JSON) and acks when settled. */
    private void deliver(Socket socket, Frame frame, byte[] payload) {
        long start = System.nanoTime();
        inFlight.incrementAndGet();
        Inbound inbound;
        try {
            // The webhook's rules exactly: strict UTF-8, one JSON object, no duplicate keys, nothing after it.
            inbound = Inbound.classify(StrictJson.parse(payload), Inbound.Endpoint.EVENTS);
        } catch (StrictJson.Refusal e) {
            warnings.warn(PeerWarnings.Kind.NOT_JSON, () -> prefix() + "message "
                    + WireText.forLog(frame.header(FrameCodec.MESSAGE_ID).orElse("")) + " is refused ("
                    + e.getMessage() + "); acknowledged with 500");
            ack(socket, frame, start, 500, null);
            return;
        }
        if (inbound.kind() == Inbound.Kind.UNKNOWN || inbound.kind() == Inbound.Kind.URL_VERIFICATION) {
            warnings.warn(PeerWarnings.Kind.UNKNOWN_CALLBACK, () -> prefix() + "message "
                    + WireText.forLog(frame.header(FrameCodec.MESSAGE_ID).orElse(""))
                    + " is no event or callback larkee knows (" + inbound.kind()
                    + (inbound.problem() == null ? "" : ": " + inbound.problem()) + "); acknowledged with 500");
            ack(socket, frame, start, 500, null);
            return;
        }
        try {
            wiring.dispatcher().dispatch(inbound, result -> ack(socket, frame, start,
                    result.outcome().failed() ? 500 : 200, result.replyJson()));
        } catch (RuntimeException e) {
            warnings.warn(PeerWarnings.Kind.NOT_DISPATCHED, e,
                    () -> prefix() + "could not dispatch " + WireText.forLog(inbound.toString()) + "; acknowledged with 500");
            ack(socket, frame, start, 500, null);
        }
    }

    /** Acks on the socket the frame came on, never on another one; dropped when that socket is gone. */
    private void ack(Socket socket, Frame frame, long startNanos, int code, String replyJson) {
        try {
            long bizRt = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            sendOn(socket.own, FrameCodec.encode(FrameCodec.ack(frame, bizRt, code, replyJson)), "ack");
        } finally {
            if (inFlight.decrementAndGet() == 0) {
                synchronized (inFlight) {
                    inFlight.notifyAll();
                }
            }
        }
    }

    /** Sends on the current socket of generation {@code gen} (pings). */
    private void send(long gen, byte[] bytes, String what) {
        Session s;
        synchronized (lock) {
            s = gen == generation ? session : null;
        }
        sendOn(s, bytes, what);
    }

    private void sendOn(Session s, byte[] bytes, String what) {
        if (s == null || !s.isOpen()) {
            LOG.fine(() -> prefix() + "dropped a " + what + " for a socket that is gone");
            return;
        }
        try {
            s.getAsyncRemote().sendBinary(ByteBuffer.wrap(bytes), result -> {
                if (!result.isOK()) {
                    warnings.warn(PeerWarnings.Kind.NOT_SENT,
                            () -> prefix() + what + " not sent: " + Redaction.describe(result.getException()));
                }
            });
        } catch (RuntimeException e) {
            warnings.warn(PeerWarnings.Kind.NOT_SENT, () -> prefix() + what + " not sent: " + Redaction.describe(e));
        }
    }

    // ---- stopping -----------------------------------------------------------------------------

    /** Stops taking frames and attempts; replies already under way may still be acknowledged. */
    void beginStop() {
        synchronized (lock) {
            stopping = true;
            cancel(attemptTimer);
            state = ConnectionState.STOPPING;
        }
    }

    /** Waits until no reply is in flight or {@code deadlineNanos} (System.nanoTime) passes. */
    boolean awaitReplies(long deadlineNanos) throws InterruptedException {
        synchronized (inFlight) {
            long remaining;
            while (inFlight.get() > 0 && (remaining = deadlineNanos - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(inFlight, remaining);
            }
            return inFlight.get() == 0;
        }
    }

    /** Replies in flight now. */
    long inFlight() {
        return inFlight.get();
    }

    /** Closes the socket with 1000 and cancels every timer. */
    void finishStop() {
        Session old;
        synchronized (lock) {
            stopping = true;
            generation++;
            old = detach();
            state = ConnectionState.STOPPED;
        }
        close(old, "larkee stopping");
        wiring.slots().release(index); // after the close: a standby instance may connect now
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void close(Session s, String why) {
        if (s == null || !s.isOpen()) {
            return;
        }
        try {
            s.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, why));
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> prefix() + "closing the socket failed: " + Redaction.describe(e));
        }
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private String prefix() {
        return "larkee long connection #" + index + (deviceId.isEmpty() ? "" : " [device " + WireText.forLog(deviceId) + "]")
                + ": ";
    }

}
