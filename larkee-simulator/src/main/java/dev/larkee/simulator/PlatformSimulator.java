package dev.larkee.simulator;

import dev.larkee.configuration.LarkeeConfiguration;
import dev.larkee.longconnection.ClientConfig;
import dev.larkee.longconnection.Frame;
import dev.larkee.longconnection.FrameCodec;
import dev.larkee.longconnection.FrameException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The simulated open platform's long-connection side, and the Java API to drive it: the
 * bootstrap answers, the handshake gate, the WebSocket peer that pongs, pushes data frames and
 * collects acks. Scenario switches are bounded (counts, sizes) and {@link #reset()} undoes them.
 * Active only when {@link LarkeeConfiguration#simulated()}; every control throws
 * {@link IllegalStateException} otherwise.
 */
@ApplicationScoped
public class PlatformSimulator {

    private static final Logger LOG = Logger.getLogger(PlatformSimulator.class.getName());

    /** The platform's limit of connections per app (spec §10). */
    public static final int MAX_CONNECTIONS = 50;
    /** The path of the simulator's WebSocket under the context root. */
    public static final String WS_PATH = "/simulator/ws/v2";
    /**
     * Where the bootstrap sends a client whose next handshake is to be refused (an armed fault, or the
     * 50-connection limit): no WebSocket endpoint lives there, so the refusal with its status and
     * {@code Handshake-*} headers comes from a servlet filter ({@link HandshakeGate}) on every server.
     * On WildFly, Undertow answers upgrades to an endpoint before any application filter runs.
     */
    public static final String REFUSING_PATH = "/simulator/ws/refused";

    private static final int MAX_TICKETS = 1000;
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int MAX_CLOSE_CODES = 1000;
    /** At most this many messages wait to be pushed the instant a socket opens. */
    public static final int MAX_BACKLOG = 64;
    /** Made once: {@code Json.createReader} looks the provider up with a class-path scan per call. */
    private static final JsonReaderFactory JSON = Json.createReaderFactory(Map.of());

    @Inject
    LarkeeConfiguration configuration;

    @Inject
    SimulatedOpenApi openApi;

    private final Object monitor = new Object();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong frameSeq = new AtomicLong(1000);
    // All guarded by monitor.
    /**
     * What the simulator hands out until told otherwise: faster than the platform's defaults
     * (120 / -1 / 120 / 30) so a recovery shows in the dev console within seconds: pings every 15 s
     * (the watchdog then acts after 2 × 15 s of silence), first reconnect within 2 s, retries every 5 s.
     */
    public static final ClientConfig CONSOLE_DEFAULTS = new ClientConfig(15, -1, 5, 2);

    private ClientConfig clientConfig = CONSOLE_DEFAULTS;
    private BootstrapFault bootstrapFault;
    private int bootstrapFaultsLeft;
    private HandshakeFault handshakeFault;
    private int handshakeFaultsLeft;
    private long bootstrapRequests;
    private long handshakeAttempts;
    private final Map<String, String> tickets = new LinkedHashMap<>();
    private final Map<String, SimulatedConnection> connections = new LinkedHashMap<>();
    private final Map<String, Integer> closeCodes = new LinkedHashMap<>();
    private int nextTarget;
    private final Map<String, PendingAck> pendingAcks = new ConcurrentHashMap<>();
    private final List<Push> backlog = new ArrayList<>();
    private final List<Delivery> backlogDeliveries = new ArrayList<>();
    private long registrationDelayMs;
    private final AtomicLong duplicateAcks = new AtomicLong();

    private record PendingAck(String deviceId, List<Frame.Header> sentHeaders, int service, long sentNanos,
            CompletableFuture<Ack> future) {
    }

    // ---- scenario controls --------------------------------------------------------------------

    /** Whether the simulator serves ({@code larkee.simulator.enabled=true}, no credential configured). */
    public boolean active() {
        return configuration.simulated();
    }

    /** The ClientConfig handed out with every later bootstrap (all four keys). Default: the SDK defaults. */
    public void clientConfig(ClientConfig config) {
        requireActive();
        synchronized (monitor) {
            clientConfig = config;
        }
    }

    public ClientConfig clientConfig() {
        synchronized (monitor) {
            return clientConfig;
        }
    }

    /** The next {@code times} bootstraps answer {@code fault} (Integer.MAX_VALUE: until {@link #reset()}). */
    public void failBootstraps(BootstrapFault fault, int times) {
        requireActive();
        synchronized (monitor) {
            bootstrapFault = fault;
            bootstrapFaultsLeft = times;
        }
    }

    /** The next {@code times} WebSocket upgrades are refused with {@code fault}. */
    public void rejectHandshakes(HandshakeFault fault, int times) {
        requireActive();
        synchronized (monitor) {
            handshakeFault = fault;
            handshakeFaultsLeft = times;
        }
    }

    /**
     * A platform with a backlog: the next socket to open gets {@code pushes} the instant it opens
     * (in the server endpoint's {@code onOpen}, before anything else), so they can arrive in the same
     * read as the 101 response. At most {@link #MAX_BACKLOG}; their deliveries, in order, are in
     * {@link #backlogDeliveries()} once sent.
     */
    public void pushOnNextOpen(List<Push> pushes) {
        requireActive();
        if (pushes.size() > MAX_BACKLOG) {
            throw new IllegalArgumentException("at most " + MAX_BACKLOG + " backlog messages, not " + pushes.size());
        }
        synchronized (monitor) {
            backlog.clear();
            backlog.addAll(pushes);
            backlogDeliveries.clear();
        }
    }

    /** The longest {@link #registerLateOnNextOpen} delay. */
    public static final Duration MAX_REGISTRATION_DELAY = Duration.ofSeconds(5);

    /**
     * A platform whose side of the handshake lags: the next socket to open is registered (can be
     * pushed to, answers pings) only {@code delay} after its 101 response went out, at most
     * {@link #MAX_REGISTRATION_DELAY}. The client sees the socket open at once.
     */
    public void registerLateOnNextOpen(Duration delay) {
        requireActive();
        if (delay.isNegative() || delay.compareTo(MAX_REGISTRATION_DELAY) > 0) {
            throw new IllegalArgumentException("delay must be 0.." + MAX_REGISTRATION_DELAY.toMillis() + " ms");
        }
        synchronized (monitor) {
            registrationDelayMs = delay.toMillis();
        }
    }

    /** The deliveries of the last backlog pushed on open (empty until a socket opened with one armed). */
    public List<Delivery> backlogDeliveries() {
        synchronized (monitor) {
            return List.copyOf(backlogDeliveries);
        }
    }

    /** Clears faults and per-connection switches and restores {@link #CONSOLE_DEFAULTS}; sockets stay open. */
    public void reset() {
        openApi.reset();
        synchronized (monitor) {
            backlog.clear();
            registrationDelayMs = 0;
            clientConfig = CONSOLE_DEFAULTS;
            bootstrapFault = null;
            bootstrapFaultsLeft = 0;
            handshakeFault = null;
            handshakeFaultsLeft = 0;
            for (SimulatedConnection c : connections.values()) {
                c.answeringPings = true;
                c.configInNextPong = null;
            }
        }
    }

    /** Stops ponging on one connection: a silent platform, for liveness checks. */
    public void stopAnsweringPings(String deviceId) {
        answerPings(deviceId, false);
    }

    /** Stops or resumes ponging on one connection. */
    public void answerPings(String deviceId, boolean answer) {
        synchronized (monitor) {
            connection(deviceId).answeringPings = answer;
        }
    }

    /** The next pong on this connection carries {@code config} (all four keys). */
    public void sendConfigInNextPong(String deviceId, ClientConfig config) {
        synchronized (monitor) {
            connection(deviceId).configInNextPong = config;
        }
    }

    /** How long a close waits for the client to have read everything sent before it. */
    static final Duration CLOSE_FLUSH_WAIT = Duration.ofSeconds(2);

    /**
     * Closes one connection with a close frame ({@code code} e.g. 1000, 1001, 4000) sent after
     * every frame pushed before it has reached the client, as on the real platform (whose TCP
     * stream delivers what was sent before the close); replies under way may still be missing.
     */
    public void close(String deviceId, int code, String reason) throws IOException {
        SimulatedConnection c;
        synchronized (monitor) {
            c = connection(deviceId);
        }
        c.closeAfterClientCaughtUp(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason), CLOSE_FLUSH_WAIT);
    }

    /** Sends arbitrary bytes as one binary message (garbage, partial frames, unknown methods). */
    public void sendRaw(String deviceId, byte[] bytes) throws IOException {
        SimulatedConnection c;
        synchronized (monitor) {
            c = connection(deviceId);
        }
        c.sendBinary(bytes);
    }

    /** Sends a text message, which the protocol never uses. */
    public void sendText(String deviceId, String text) throws IOException {
        SimulatedConnection c;
        synchronized (monitor) {
            c = connection(deviceId);
        }
        c.sendText(text);
    }

    /** Pushes to the open connections in turn (the platform delivers each message to one connection). */
    public Delivery push(Push push) throws IOException {
        String target;
        synchronized (monitor) {
            if (connections.isEmpty()) {
                throw new IllegalStateException("no simulated connection is open");
            }
            List<String> ids = new ArrayList<>(connections.keySet());
            target = ids.get(Math.floorMod(nextTarget++, ids.size()));
        }
        return push(target, push);
    }

    /** Pushes {@code push} on one connection; the delivery's future completes with the client's ack. */
    public Delivery push(String deviceId, Push push) throws IOException {
        SimulatedConnection c;
        synchronized (monitor) {
            c = connection(deviceId);
        }
        return send(deviceId, c.serviceId, c::sendBinary, push);
    }

    /** Where a push's frames go: one binary message each. */
    private interface BinarySink {
        void send(byte[] bytes) throws IOException;
    }

    private Delivery send(String deviceId, int serviceId, BinarySink sink, Push push) throws IOException {
        openApi.sawPush(push.payload());
        String messageId = push.messageId() != null ? push.messageId() : UUID.randomUUID().toString();
        String traceId = HexFormat.of().formatHex(bytes(16)).toUpperCase(java.util.Locale.ROOT);
        List<Frame> frames = frames(push, messageId, traceId, serviceId);
        List<Frame> order = switch (push.order()) {
            case IN_ORDER -> frames;
            case REVERSED -> reversed(frames);
            case WITH_DUPLICATE -> withDuplicate(frames);
            case MISSING_LAST -> frames.size() > 1 ? frames.subList(0, frames.size() - 1) : List.of();
        };
        CompletableFuture<Ack> future = new CompletableFuture<>();
        Frame last = order.isEmpty() ? frames.get(frames.size() - 1) : order.get(order.size() - 1);
        pendingAcks.put(messageId, new PendingAck(deviceId, last.headers(), serviceId, System.nanoTime(), future));
        try {
            for (Frame f : order) {
                sink.send(FrameCodec.encode(f));
            }
        } catch (IOException | RuntimeException e) {
            pendingAcks.remove(messageId);
            future.completeExceptionally(e);
            throw e;
        }
        return new Delivery(messageId, deviceId, future);
    }

    // ---- observation --------------------------------------------------------------------------

    /** The open connections, oldest first. */
    public List<ConnectionInfo> connections() {
        synchronized (monitor) {
            return connections.values().stream().map(SimulatedConnection::info).toList();
        }
    }

    /** The close code a connection ended with (as seen by the simulator), if it has closed. */
    public Optional<Integer> closeCode(String deviceId) {
        synchronized (monitor) {
            return Optional.ofNullable(closeCodes.get(deviceId));
        }
    }

    /** Bootstrap requests received since start. */
    public long bootstrapRequests() {
        synchronized (monitor) {
            return bootstrapRequests;
        }
    }

    /** WebSocket upgrade attempts received since start, refused ones included. */
    public long handshakeAttempts() {
        synchronized (monitor) {
            return handshakeAttempts;
        }
    }

    /** Acks that came for a message already acknowledged. */
    public long duplicateAcks() {
        return duplicateAcks.get();
    }

    /**
     * Waits until {@code condition} holds, re-checking whenever the simulator's state changes
     * (connection, ping, ack, bootstrap, handshake) and at least every 50 ms, so conditions on
     * the client's side work too.
     *
     * @return false when {@code timeout} passed first
     */
    public boolean await(Predicate<PlatformSimulator> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (!condition.test(this)) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, Math.min(remaining, RECHECK_NANOS));
            }
            return true;
        }
    }

    // ---- the platform's side, for the resource, the gate and the socket -----------------------

    /** An HTTP answer of the bootstrap endpoint. */
    record BootstrapReply(int status, String json) {
    }

    BootstrapReply bootstrap(String body, String wsBase) {
        synchronized (monitor) {
            bootstrapRequests++;
            monitor.notifyAll();
            if (bootstrapFaultsLeft > 0) {
                bootstrapFaultsLeft--;
                BootstrapFault f = bootstrapFault;
                JsonObject json = Json.createObjectBuilder().add("code", f.code()).add("msg", f.msg())
                        .add("data", JsonValue.NULL).build();
                return new BootstrapReply(f.httpStatus(), json.toString());
            }
            if (!credentialsMatch(body)) {
                return new BootstrapReply(200, "{\"code\":10003,\"msg\":\"invalid AppID or AppSecret\",\"data\":null}");
            }
            String deviceId = "7" + String.format("%018d", Math.floorMod(random.nextLong(), 1_000_000_000_000_000_000L));
            int serviceId = 1 + random.nextInt(Integer.MAX_VALUE - 1);
            String ticket = HexFormat.of().formatHex(bytes(16));
            tickets.put(ticket, deviceId + ":" + serviceId);
            if (tickets.size() > MAX_TICKETS) {
                Iterator<String> oldest = tickets.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            // fpid first: naive parsers (Node) need device_id not to be the first parameter.
            String path = handshakeFaultsLeft > 0 || connections.size() >= MAX_CONNECTIONS ? REFUSING_PATH : WS_PATH;
            String url = wsBase + path + "?fpid=1&device_id=" + deviceId + "&service_id=" + serviceId
                    + "&ticket=" + ticket;
            JsonObject json = Json.createObjectBuilder().add("code", 0).add("msg", "ok")
                    .add("data", Json.createObjectBuilder().add("URL", url).add("ClientConfig", clientConfig.toJson()))
                    .build();
            return new BootstrapReply(200, json.toString());
        }
    }

    private boolean credentialsMatch(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject o = reader.readObject();
            return o.get("AppID") instanceof JsonString id && id.getString().equals(configuration.appId())
                    && o.get("AppSecret") instanceof JsonString secret
                    && secret.getString().equals(configuration.appSecret().reveal());
        } catch (RuntimeException e) { // also Parsson's plain RuntimeException past its nesting limit
            return false;
        }
    }

    /**
     * Checks an upgrade (at {@link #REFUSING_PATH}) or a socket just opened (at {@link #WS_PATH}):
     * empty when admitted (the ticket is used up), the refusal otherwise.
     */
    Optional<HandshakeFault> admit(String ticket, String deviceId, String serviceId) {
        synchronized (monitor) {
            handshakeAttempts++;
            monitor.notifyAll();
            if (handshakeFaultsLeft > 0) {
                handshakeFaultsLeft--;
                return Optional.of(handshakeFault);
            }
            String expected = ticket == null ? null : tickets.get(ticket);
            if (expected == null || !expected.equals(deviceId + ":" + serviceId)) {
                return Optional.of(new HandshakeFault(400, 514, 0, "invalid ticket"));
            }
            if (connections.size() >= MAX_CONNECTIONS) {
                return Optional.of(HandshakeFault.connectionLimit());
            }
            tickets.remove(ticket);
            return Optional.empty();
        }
    }

    /** Pushes the armed backlog on a socket that has just opened, before it is registered. */
    void pushBacklog(Session session) throws IOException {
        List<Push> pushes;
        synchronized (monitor) {
            if (backlog.isEmpty()) {
                return;
            }
            pushes = List.copyOf(backlog);
            backlog.clear();
        }
        Map<String, List<String>> params = session.getRequestParameterMap();
        String deviceId = first(params, "device_id");
        int serviceId = Integer.parseInt(first(params, "service_id"));
        for (Push p : pushes) {
            Delivery d = send(deviceId, serviceId, bytes -> session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes)), p);
            synchronized (monitor) {
                backlogDeliveries.add(d);
                monitor.notifyAll();
            }
        }
    }

    /** Waits out a {@link #registerLateOnNextOpen} delay, once. */
    void lagBeforeRegistering() throws InterruptedException {
        long delay;
        synchronized (monitor) {
            delay = registrationDelayMs;
            registrationDelayMs = 0;
        }
        if (delay > 0) {
            Thread.sleep(delay); // the platform's side is slow on purpose: this is the scenario
        }
    }

    void opened(Session session) {
        Map<String, List<String>> params = session.getRequestParameterMap();
        String deviceId = first(params, "device_id");
        int serviceId = Integer.parseInt(first(params, "service_id"));
        synchronized (monitor) {
            connections.put(deviceId, new SimulatedConnection(deviceId, serviceId, session));
            session.getUserProperties().put("device_id", deviceId);
            monitor.notifyAll();
        }
        LOG.fine(() -> "simulator: connection " + deviceId + " open");
    }

    void closed(Session session, CloseReason reason) {
        String deviceId = (String) session.getUserProperties().get("device_id");
        if (deviceId == null) {
            return;
        }
        synchronized (monitor) {
            connections.remove(deviceId);
            closeCodes.put(deviceId, reason.getCloseCode().getCode());
            if (closeCodes.size() > MAX_CLOSE_CODES) {
                closeCodes.remove(closeCodes.keySet().iterator().next());
            }
            monitor.notifyAll();
        }
        pendingAcks.entrySet().removeIf(e -> {
            if (e.getValue().deviceId().equals(deviceId)) {
                e.getValue().future().completeExceptionally(new IOException(
                        "connection " + deviceId + " closed (" + reason.getCloseCode().getCode() + ") before the ack"));
                return true;
            }
            return false;
        });
    }

    /** A WebSocket-level pong (the answer to a close's flush ping). */
    void ponged(Session session) {
        String deviceId = (String) session.getUserProperties().get("device_id");
        SimulatedConnection c;
        synchronized (monitor) {
            c = deviceId == null ? null : connections.get(deviceId);
        }
        if (c != null) {
            c.ponged();
        }
    }

    void received(Session session, byte[] bytes) {
        String deviceId = (String) session.getUserProperties().get("device_id");
        Frame frame;
        try {
            frame = FrameCodec.decode(bytes);
        } catch (FrameException e) {
            LOG.warning(() -> "simulator: connection " + deviceId + " sent an invalid frame: " + e.getMessage());
            return;
        }
        if (frame.method() == Frame.Method.CONTROL && FrameCodec.PING.equals(frame.type())) {
            ping(deviceId);
        } else if (frame.method() == Frame.Method.DATA) {
            ack(deviceId, frame);
        }
    }

    private void ping(String deviceId) {
        SimulatedConnection c;
        ClientConfig config;
        synchronized (monitor) {
            c = connections.get(deviceId);
            if (c == null) {
                return;
            }
            c.pinged();
            monitor.notifyAll();
            if (!c.answeringPings) {
                return;
            }
            config = c.configInNextPong;
            c.configInNextPong = null;
        }
        byte[] payload = config == null ? null : config.toJson().toString().getBytes(StandardCharsets.UTF_8);
        try {
            c.sendBinary(FrameCodec.encode(FrameCodec.control(c.serviceId, FrameCodec.PONG, payload)));
        } catch (IOException e) {
            LOG.fine(() -> "simulator: pong to " + deviceId + " failed: " + e);
        }
    }

    private void ack(String deviceId, Frame frame) {
        String messageId = frame.header(FrameCodec.MESSAGE_ID).orElse("");
        PendingAck pending = pendingAcks.remove(messageId);
        if (pending == null) {
            duplicateAcks.incrementAndGet();
            LOG.fine(() -> "simulator: ack for unknown or already acknowledged message " + messageId);
            return;
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - pending.sentNanos());
        pending.future().complete(verify(deviceId, messageId, frame, pending, latency));
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** Reads an ack the way a strict platform would (spec §14 "Ack verification"). */
    static Ack verify(String deviceId, String messageId, Frame frame, PendingAck pending, Duration latency) {
        List<String> problems = new ArrayList<>();
        List<Frame.Header> headers = frame.headers();
        List<Frame.Header> sent = pending.sentHeaders();
        if (headers.size() != sent.size() + 1 || !headers.subList(0, sent.size()).equals(sent)) {
            problems.add("headers not echoed in order");
        }
        long bizRt = -1;
        Frame.Header last = headers.isEmpty() ? null : headers.get(headers.size() - 1);
        if (last == null || !last.key().equals(FrameCodec.BIZ_RT)) {
            problems.add("biz_rt is not the last header");
        } else {
            try {
                bizRt = Long.parseLong(last.value());
                if (bizRt < 0) {
                    problems.add("negative biz_rt " + bizRt);
                }
            } catch (NumberFormatException e) {
                problems.add("biz_rt not an integer: " + last.value());
            }
        }
        if (frame.service() != pending.service()) {
            problems.add("service " + frame.service() + " instead of " + pending.service());
        }
        int code = -1;
        String data = null;
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(frame.payloadOrEmpty()))) {
            JsonObject payload = reader.readObject();
            if (payload.get("code") instanceof JsonNumber n && n.isIntegral()) {
                code = n.intValue();
            } else {
                problems.add("code is not an integer");
            }
            JsonValue d = payload.get("data");
            if (d instanceof JsonString s) {
                try {
                    data = new String(Base64.getDecoder().decode(s.getString()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    problems.add("data is not standard base64");
                }
            } else if (d instanceof JsonArray) {
                problems.add("data is a number array, not a base64 string (client bug)");
            } else if (d != null && d != JsonValue.NULL) {
                problems.add("data is neither absent, null nor a base64 string");
            }
        } catch (RuntimeException e) { // also Parsson's plain RuntimeException past its nesting limit
            problems.add("payload is not a JSON object");
        }
        return new Ack(messageId, deviceId, code, data, bizRt, headers, latency, problems);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private List<Frame> frames(Push push, String messageId, String traceId, int service) {
        byte[] all = push.payload();
        int n = push.fragments();
        int size = Math.max(1, (all.length + n - 1) / n);
        String timestamp = Long.toString(System.currentTimeMillis());
        List<Frame> frames = new ArrayList<>(n);
        for (int seq = 0; seq < n; seq++) {
            byte[] part = Arrays.copyOfRange(all, Math.min(seq * size, all.length), Math.min((seq + 1) * size, all.length));
            long id = frameSeq.incrementAndGet();
            frames.add(new Frame(id, id, service, Frame.Method.DATA, List.of(
                    new Frame.Header(FrameCodec.TYPE, push.frameType()),
                    new Frame.Header(FrameCodec.MESSAGE_ID, messageId),
                    new Frame.Header(FrameCodec.SUM, Integer.toString(n)),
                    new Frame.Header(FrameCodec.SEQ, Integer.toString(seq)),
                    new Frame.Header(FrameCodec.TRACE_ID, traceId),
                    new Frame.Header("timestamp", timestamp)), null, null, part, null));
        }
        return frames;
    }

    private static List<Frame> reversed(List<Frame> frames) {
        List<Frame> r = new ArrayList<>(frames);
        java.util.Collections.reverse(r);
        return r;
    }

    private static List<Frame> withDuplicate(List<Frame> frames) {
        if (frames.size() < 2) {
            return frames;
        }
        List<Frame> r = new ArrayList<>(frames.subList(0, frames.size() - 1));
        r.add(frames.get(0));
        r.add(frames.get(frames.size() - 1));
        return r;
    }

    private SimulatedConnection connection(String deviceId) {
        requireActive();
        SimulatedConnection c = connections.get(deviceId);
        if (c == null) {
            throw new IllegalArgumentException("no open simulated connection with device id " + deviceId);
        }
        return c;
    }

    private void requireActive() {
        if (!active()) {
            throw new IllegalStateException("the platform simulator is off: larkee.simulator.enabled is not true");
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String first(Map<String, List<String>> params, String key) {
        List<String> values = params.get(key);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
