package dev.larkee.bench;

import dev.larkee.configuration.LarkeeConfiguration;
import dev.larkee.longconnection.ClientConfig;
import dev.larkee.longconnection.ConnectionStatus;
import dev.larkee.longconnection.LongConnections;
import dev.larkee.simulator.Ack;
import dev.larkee.simulator.ConnectionInfo;
import dev.larkee.simulator.Delivery;
import dev.larkee.simulator.PlatformSimulator;
import dev.larkee.simulator.Push;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The long-connection benchmark's driver inside Payara, next to the simulator it drives (bench WAR
 * only, never in larkee.war): hands the simulated app's credentials to the benchmark JVM (whose
 * official SDK client needs them; loopback only, never printed), sets the ClientConfig, pushes
 * {@code card.action.trigger} frames to one client's connection with a window of outstanding
 * frames and checks every ack, and drops a client's connection and times the next ack.
 *
 * <p>"larkee" is the connection larkee's own long connection reports in {@link LongConnections#status()};
 * "sdk" is any other simulator connection (the official SDK's client in the benchmark JVM).
 */
@ApplicationScoped
@Path("bench/lc")
@Produces(MediaType.APPLICATION_JSON)
public class LongConnectionBenchResource {

    /** What both handlers answer; the ack's {@code data} must decode to exactly this. */
    static final String TOAST = "{\"toast\":{\"type\":\"success\",\"content\":\"ok\"}}";

    private static final HexFormat HEX = HexFormat.of();
    private static final long ACK_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    @Inject
    PlatformSimulator simulator;

    @Inject
    LongConnections longConnections;

    @Inject
    LarkeeConfiguration configuration;

    /** The simulated app's id and secret, for the SDK client in the benchmark JVM. */
    @GET
    @Path("credentials")
    public String credentials() {
        return Json.createObjectBuilder().add("appId", configuration.appId())
                .add("appSecret", configuration.appSecret().reveal()).build().toString();
    }

    /** The ClientConfig every later bootstrap hands out (both clients get the same); larkee reconnects to take it. */
    @POST
    @Path("client-config")
    public String clientConfig(@QueryParam("ping") int ping, @QueryParam("count") int count,
            @QueryParam("interval") int interval, @QueryParam("nonce") int nonce) {
        simulator.clientConfig(new ClientConfig(ping, count, interval, nonce));
        longConnections.restart(); // a fresh bootstrap, so larkee's connection has it too
        return simulator.clientConfig().toJson().toString();
    }

    /** The open simulator connections of each client. */
    @GET
    @Path("connections")
    public String connections() {
        return Json.createObjectBuilder()
                .add("larkee", Json.createArrayBuilder(connectionsOf("larkee")))
                .add("sdk", Json.createArrayBuilder(connectionsOf("sdk")))
                .build().toString();
    }

    /**
     * Pushes {@code count} frames to {@code client}'s one connection, at most {@code window} without
     * an ack, within {@code limitMs}. Every ack is checked: code 200, no protocol problem (headers
     * echoed, biz_rt last, data base64), data = the toast.
     */
    @POST
    @Path("load")
    public String load(@QueryParam("client") String client, @QueryParam("count") int count,
            @QueryParam("window") int window, @QueryParam("bytes") @DefaultValue("1024") int bytes,
            @QueryParam("limitMs") @DefaultValue("20000") long limitMs,
            @QueryParam("lightTimers") @DefaultValue("true") boolean lightTimers) throws InterruptedException {
        List<String> ids = connectionsOf(client);
        if (ids.size() != 1) {
            throw new IllegalStateException(client + " has " + ids.size() + " connections, expected 1");
        }
        String deviceId = ids.get(0);
        if (lightTimers) {
            SimulatorSessionTimers.install(simulator, deviceId);
        }
        Payload payload = new Payload(configuration, bytes);
        long[] latencies = new long[count];
        AtomicLong acked = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstProblem = new AtomicReference<>();
        Semaphore permits = new Semaphore(window);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(limitMs);
        int sent = 0;
        boolean stalled = false;
        for (; sent < count && System.nanoTime() < deadline; sent++) {
            if (!permits.tryAcquire(ACK_WAIT_NANOS, TimeUnit.NANOSECONDS)) {
                stalled = true;
                break;
            }
            Delivery d;
            try {
                d = simulator.push(deviceId, Push.event(payload.next()));
            } catch (IOException | RuntimeException e) {
                failed.incrementAndGet();
                firstProblem.compareAndSet(null, "push failed: " + e);
                permits.release();
                break;
            }
            d.ack().whenComplete((ack, failure) -> {
                if (failure != null) {
                    failed.incrementAndGet();
                    firstProblem.compareAndSet(null, "no ack: " + failure);
                } else {
                    String problem = problem(ack);
                    if (problem != null) {
                        wrong.incrementAndGet();
                        firstProblem.compareAndSet(null, problem);
                    } else {
                        int i = (int) acked.getAndIncrement();
                        latencies[i] = ack.latency().toNanos();
                    }
                }
                permits.release();
            });
        }
        // The tail: every outstanding frame gets up to 5 s (once) before it counts as a timeout.
        boolean drained = permits.tryAcquire(window, ACK_WAIT_NANOS, TimeUnit.NANOSECONDS);
        long wall = System.nanoTime() - start;
        long settled = acked.get() + wrong.get() + failed.get();
        long timeouts = Math.max(0, sent - settled);
        long n = acked.get();
        long[] lat = Arrays.copyOf(latencies, (int) Math.min(n, count));
        String micros = Arrays.stream(lat).mapToObj(v -> Long.toString(v / 1000)).collect(Collectors.joining(","));
        return Json.createObjectBuilder()
                .add("client", client).add("sent", sent).add("acked", n).add("wrong", wrong.get())
                .add("failed", failed.get()).add("timeouts", timeouts).add("stalled", stalled || !drained)
                .add("wallNanos", wall).add("firstProblem", firstProblem.get() == null ? "" : firstProblem.get())
                .add("latencyMicros", micros)
                .build().toString();
    }

    /**
     * Closes {@code client}'s connection with {@code code} (a close frame, as the platform does on a
     * redeploy), then pushes to whichever new connection that client opens, until one frame is
     * acknowledged with 200 and the toast, or {@code limitMs} passes.
     */
    @POST
    @Path("drop")
    public String drop(@QueryParam("client") String client, @QueryParam("code") @DefaultValue("1001") int code,
            @QueryParam("limitMs") @DefaultValue("20000") long limitMs) throws InterruptedException {
        List<String> ids = connectionsOf(client);
        if (ids.size() != 1) {
            throw new IllegalStateException(client + " has " + ids.size() + " connections, expected 1");
        }
        String old = ids.get(0);
        Payload payload = new Payload(configuration, 1024);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(limitMs);
        try {
            simulator.close(old, code, "bench drop");
        } catch (IOException e) {
            throw new IllegalStateException("close failed: " + e, e);
        }
        long reconnectedNanos = -1;
        long recoveredNanos = -1;
        int pushes = 0;
        String lastProblem = "";
        while (System.nanoTime() < deadline && pushes < 10_000) {
            List<String> fresh = connectionsOf(client).stream().filter(id -> !id.equals(old)).toList();
            if (fresh.isEmpty()) {
                Thread.sleep(2);
                continue;
            }
            if (reconnectedNanos < 0) {
                reconnectedNanos = System.nanoTime() - start;
            }
            pushes++;
            try {
                Delivery d = simulator.push(fresh.get(0), Push.event(payload.next()));
                long wait = Math.min(TimeUnit.MILLISECONDS.toNanos(500), Math.max(1, deadline - System.nanoTime()));
                Ack ack = d.ack().get(wait, TimeUnit.NANOSECONDS);
                String problem = problem(ack);
                if (problem == null) {
                    recoveredNanos = System.nanoTime() - start;
                    break;
                }
                lastProblem = problem;
            } catch (IOException | RuntimeException | ExecutionException | TimeoutException e) {
                lastProblem = e.toString();
                Thread.sleep(2);
            }
        }
        return Json.createObjectBuilder().add("client", client)
                .add("reconnectedMs", reconnectedNanos < 0 ? -1 : reconnectedNanos / 1e6)
                .add("recoveredMs", recoveredNanos < 0 ? -1 : recoveredNanos / 1e6)
                .add("pushes", pushes).add("lastProblem", recoveredNanos < 0 ? lastProblem : "")
                .build().toString();
    }

    private List<String> connectionsOf(String client) {
        Set<String> larkee = longConnections.status().stream().map(ConnectionStatus::deviceId)
                .collect(Collectors.toSet());
        List<ConnectionInfo> open = simulator.connections();
        return switch (client) {
            case "larkee" -> open.stream().map(ConnectionInfo::deviceId).filter(larkee::contains).toList();
            case "sdk" -> open.stream().map(ConnectionInfo::deviceId).filter(id -> !larkee.contains(id)).toList();
            default -> throw new IllegalArgumentException("client must be larkee or sdk");
        };
    }

    private static String problem(Ack ack) {
        if (!ack.problems().isEmpty()) {
            return "ack problems: " + ack.problems();
        }
        if (ack.code() != 200) {
            return "ack code " + ack.code();
        }
        if (!TOAST.equals(ack.data())) {
            return "ack data " + ack.data();
        }
        return null;
    }

    /** {@code card.action.trigger} JSON of about {@code size} bytes (a padded action value), a fresh event id each. */
    static final class Payload {
        private final String head;
        private final String tail;

        Payload(LarkeeConfiguration configuration, int size) {
            head = "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"";
            String rest = "\",\"token\":\"" + configuration.verificationToken().reveal() + "\",\"create_time\":\""
                    + System.currentTimeMillis() + "\",\"event_type\":\"card.action.trigger\",\"tenant_key\":\"2ca1d211f64f6438\","
                    + "\"app_id\":\"" + configuration.appId() + "\"},\"event\":{\"operator\":{\"tenant_key\":\"2ca1d211f64f6438\","
                    + "\"user_id\":\"e33ggbyz\",\"open_id\":\"ou_84aad35d084aa403a838cf73ee18467\","
                    + "\"union_id\":\"on_8ed6aa67826108097d9ee143816345\"},"
                    + "\"token\":\"c-295ee57216a5dc9de90fefd0aadb4b1d7d337b7\",\"action\":{\"value\":"
                    + "{\"action\":\"approve\",\"pad\":\"";
            String end = "\"},\"tag\":\"button\"},\"host\":\"im_message\","
                    + "\"context\":{\"open_message_id\":\"om_5ce6d572455d361153b7cb51da133945\","
                    + "\"open_chat_id\":\"oc_5ce6d572455d361153b7cb51da133945\"}}}";
            int fixed = head.length() + 32 + rest.length() + end.length();
            tail = rest + "x".repeat(Math.max(0, size - fixed)) + end;
        }

        String next() {
            byte[] id = new byte[16];
            ThreadLocalRandom.current().nextBytes(id);
            return head + HEX.formatHex(id) + tail;
        }

        int length() {
            return next().getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
