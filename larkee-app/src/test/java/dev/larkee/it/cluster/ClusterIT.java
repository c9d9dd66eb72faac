package dev.larkee.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.it.Deployments;
import dev.larkee.simulator.CallbackPayloads;
import dev.larkee.standalone.Ack;
import dev.larkee.standalone.Delivery;
import dev.larkee.standalone.SimulatorOptions;
import dev.larkee.standalone.StandaloneSimulator;
import dev.larkee.standalone.WebhookOutcome;
import jakarta.json.Json;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Several larkee instances of one app on Payara's data grid (issue 9 §5), with real processes: two
 * Payara Micro instances clustered on loopback only, and the standalone platform simulator in this
 * JVM delivering each message to one random connection, re-delivering what is not acknowledged,
 * and posting webhook events to the instances in turn with retries. Arquillian cannot start or
 * stop servers under load, so this test does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String APP_ID = "cli_cluster_it";
    private static final String APP_SECRET = UUID.randomUUID().toString();
    private static final String TOKEN = UUID.randomUUID().toString();
    private static final Duration READY = Duration.ofSeconds(180);
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** How often a standby instance looks for a free slot. */
    private static final long STANDBY_CHECK_MS = 1000;
    private static final Map<String, String> FIGURES = new LinkedHashMap<>();

    private static final File WORK = new File("target/cluster").getAbsoluteFile();
    private static final CallbackPayloads PAYLOADS = new CallbackPayloads(APP_ID, TOKEN);
    private static StandaloneSimulator platform;
    private static final Map<String, PayaraInstance> INSTANCES = new LinkedHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void cluster() throws Exception {
        delete(WORK.toPath());
        WORK.mkdirs();
        platform = StandaloneSimulator.start(SimulatorOptions.builder(APP_ID, APP_SECRET)
                .redeliveryTimeout(Duration.ofMillis(1500))
                .maxAttempts(20)
                .webhookRetrySchedule(List.of(Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1),
                        Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)))
                .build());
        File war = new File(WORK, "larkee.war");
        Deployments.larkee(Map.of()).addClasses(ClusterProbeObservers.class).as(ZipExporter.class).exportTo(war, true);
        int gridPort = freePort();
        String members = "tcpip:127.0.0.1:" + gridPort + ",127.0.0.1:" + (gridPort + 1) + ",127.0.0.1:" + (gridPort + 2);
        String clusterName = "larkee-it-" + UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("A", "B", "C")) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dhazelcast.socket.bind.any=false",
                    // Hazelcast's own JVM shutdown hook would leave the grid before the application
                    // is undeployed; without it, Payara undeploys first (larkee lets go of its slot).
                    "-Dhazelcast.shutdownhook.enabled=false", "-Djava.io.tmpdir=" + new File(WORK, name),
                    "-Dlarkee.app-id=" + APP_ID, "-Dlarkee.domain=" + platform.base(),
                    "-Dlarkee.cluster.connection-cap=2", "-Dlarkee.cluster.standby-check-ms=" + STANDBY_CHECK_MS,
                    "-Dprobe.instance=" + name, "-Dprobe.file=" + new File(WORK, "runs-" + name + ".txt"),
                    "-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                    "--deploy", war.getPath(), "--port", Integer.toString(port), "--name", name,
                    "--clustermode", members, "--interfaces", "127.0.0.1", "--startport", Integer.toString(gridPort),
                    "--clustername", clusterName, "--rootdir", new File(WORK, name + "/root").getPath()));
            // The secrets in the environment (MicroProfile Config maps LARKEE_APP_SECRET to larkee.app-secret),
            // never on a command line that every process on the machine can read.
            INSTANCES.put(name, new PayaraInstance(name, port, command,
                    Map.of("LARKEE_APP_SECRET", APP_SECRET, "LARKEE_VERIFICATION_TOKEN", TOKEN), new File(WORK, name)));
        }
        start("A", "B");
        assertTrue(platform.awaitConnections(2, WAIT), "both instances connected: " + platform.connections());
        platform.setWebhookTargets(List.of(webhookUri("A"), webhookUri("B")));
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (PayaraInstance i : INSTANCES.values()) {
            i.stop(30);
        }
        if (platform != null) {
            platform.close();
        }
        StringBuilder figures = new StringBuilder("ClusterIT figures:");
        FIGURES.forEach((k, v) -> figures.append("\n  ").append(k).append(": ").append(v));
        System.out.println(figures);
        Files.writeString(new File(WORK, "figures.txt").toPath(), figures + "\n");
    }

    @Test
    @Order(1)
    void theInstancesShareOneDataGrid() {
        for (String name : List.of("A", "B")) {
            PayaraInstance i = INSTANCES.get(name);
            assertTrue(i.logged(l -> l.contains("shares de-duplication and connection slots through the data grid")),
                    () -> name + " uses the data grid:\n" + i.tail(3000));
        }
    }

    @Test
    @Order(2)
    void reDeliveriesOfTheSameEventToBothInstancesRunTheObserversOnce() throws Exception {
        Map<String, String> devices = devicesByInstance("A", "B");
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<Ack>> acks = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            String payload = PAYLOADS.cardAction(Json.createObjectBuilder().add("n", n).build()).toString();
            ids.add(eventId(payload));
            // The same event on both instances at once, as when the platform re-delivers it to another client.
            acks.add(platform.sendTo(devices.get("A"), "event", payload).ack());
            acks.add(platform.sendTo(devices.get("B"), "event", payload).ack());
        }
        int inFlightAnswers = 0;
        for (int i = 0; i < acks.size(); i += 2) {
            Ack a = acks.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Ack b = acks.get(i + 1).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, a.code(), a::toString);
            assertEquals(200, b.code(), b::toString);
            // One instance ran the observers and answered its toast; the other answered the same toast
            // (the first handling had finished) or, while it was in flight there, the fallback {}.
            String toast = a.reply().contains("\"toast\"") ? a.reply() : b.reply();
            String other = toast == a.reply() ? b.reply() : a.reply();
            assertTrue(toast.contains("\"toast\""), () -> "one answer is the observer's toast: " + a + " / " + b);
            assertTrue(other.equals(toast) || other.equals("{}"), () -> "the other is the same or the fallback: " + a + " / " + b);
            inFlightAnswers += other.equals("{}") ? 1 : 0;
        }
        Map<String, Integer> runs = runs();
        for (String id : ids) {
            assertEquals(1, runs.getOrDefault(id, 0), "observers of " + id + " ran once across the cluster");
        }
        FIGURES.put("same event to both instances", ids.size() + " events, " + acks.size() + " deliveries, observers ran "
                + ids.stream().mapToInt(id -> runs.getOrDefault(id, 0)).sum() + " times; " + inFlightAnswers
                + " second deliveries answered the fallback (first still in flight), the others the first answer");
    }

    @Test
    @Order(3)
    void restartsUnderLoadLoseNothingAndRunNothingTwice() throws Exception {
        SentLog sent = new SentLog();
        List<CompletableFuture<WebhookOutcome>> webhooks = Collections.synchronizedList(new ArrayList<>());
        List<String> webhookIds = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger tick = new AtomicInteger();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        long restartsBegin;
        long restartsEnd;
        try {
            // 50 callbacks a second over the long connection, 10 webhook events a second.
            load.scheduleAtFixedRate(() -> {
                String payload = PAYLOADS.cardAction(Json.createObjectBuilder().add("load", tick.get()).build()).toString();
                sent.add(new Sent(eventId(payload), System.nanoTime(), platform.send("event", payload)));
                if (tick.incrementAndGet() % 5 == 0) {
                    String event = PAYLOADS.v2("im.message.receive_v1", Json.createObjectBuilder().add("n", tick.get())
                            .build()).toString();
                    webhookIds.add(eventId(event));
                    webhooks.add(platform.postWebhook(event, Map.of()));
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            awaitAcks(sent.awaitFirst(50, WAIT));
            restartsBegin = System.nanoTime();
            for (String name : List.of("A", "B")) {
                long stopped = System.nanoTime();
                INSTANCES.get(name).stop(60);
                FIGURES.put("instance " + name + " stop (SIGTERM to exit)", millis(System.nanoTime() - stopped) + " ms");
                long started = System.nanoTime();
                start(name);
                assertTrue(platform.awaitConnections(2, WAIT), "both connected again: " + platform.connections());
                FIGURES.put("instance " + name + " start (to connected)", millis(System.nanoTime() - started) + " ms");
            }
            restartsEnd = System.nanoTime();
            awaitAcks(sent.awaitFirst(sent.size() + 100, WAIT)); // two seconds more of steady load on the restarted pair
        } finally {
            load.shutdown();
            assertTrue(load.awaitTermination(10, TimeUnit.SECONDS));
        }

        List<Long> latencies = new ArrayList<>();
        int lost = 0;
        for (Sent s : sent.all()) {
            try {
                Ack a = s.delivery().ack().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertEquals(200, a.code(), a::toString);
                if (s.sentNanos() >= restartsBegin && s.sentNanos() <= restartsEnd) {
                    latencies.add(a.sinceFirstSend().toNanos());
                }
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                lost++;
            }
        }
        int webhookLost = 0;
        int webhookRetried = 0;
        for (CompletableFuture<WebhookOutcome> w : webhooks) {
            WebhookOutcome o = w.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            webhookLost += o.delivered() ? 0 : 1;
            webhookRetried += o.attempts().size() > 1 ? 1 : 0;
        }
        Map<String, Integer> runs = runs();
        long doubled = sent.all().stream().filter(s -> runs.getOrDefault(s.eventId(), 0) > 1).count();
        long neverRan = sent.all().stream().filter(s -> runs.getOrDefault(s.eventId(), 0) == 0).count();
        long webhookDoubled = webhookIds.stream().filter(id -> runs.getOrDefault(id, 0) > 1).count();
        long webhookNeverRan = webhookIds.stream().filter(id -> runs.getOrDefault(id, 0) == 0).count();
        Collections.sort(latencies);
        var stats = platform.stats().delivery();
        FIGURES.put("callbacks sent under load", Integer.toString(sent.all().size()));
        FIGURES.put("callbacks lost (never acknowledged)", Integer.toString(lost));
        FIGURES.put("callbacks whose observers ran twice", Long.toString(doubled));
        FIGURES.put("callbacks answered without running observers (first handling cut off by the stop)", Long.toString(neverRan));
        FIGURES.put("re-deliveries by the platform", Long.toString(stats.redeliveries()));
        FIGURES.put("callback p50 / p99 / max during the restarts (send to ack, re-deliveries included)",
                millis(pct(latencies, 50)) + " / " + millis(pct(latencies, 99)) + " / " + millis(pct(latencies, 100))
                        + " ms over " + latencies.size() + " callbacks");
        FIGURES.put("webhook events posted / retried on another instance / lost / observers run twice / never run",
                webhooks.size() + " / " + webhookRetried + " / " + webhookLost + " / " + webhookDoubled + " / " + webhookNeverRan);
        assertEquals(0, lost, "every callback acknowledged");
        assertEquals(0, doubled, "no observer ran twice");
        assertEquals(0, webhookLost, "every webhook event delivered");
        assertEquals(0, webhookDoubled, "no webhook event's observers ran twice");
    }

    @Test
    @Order(4)
    void overTheCapTheThirdInstanceStandsByAndTakesTheSlotOfOneThatStops() throws Exception {
        start("C");
        String ready = readiness("C");
        assertTrue(ready.contains("STANDBY") && ready.contains("larkee.cluster.connection-cap"), ready);
        assertTrue(ready.startsWith("{\"status\":\"DOWN\""), "a standby instance is not ready: " + ready);
        assertEquals(2, platform.connections().size(), "the cap holds: " + platform.connections());

        long stop = System.nanoTime();
        INSTANCES.get("A").stop(60);
        long exited = System.nanoTime();
        String device = awaitDevice("C");
        long connected = System.nanoTime();
        assertTrue(platform.connections().stream().anyMatch(c -> c.deviceId().equals(device)), platform.connections()::toString);
        FIGURES.put("standby takeover after SIGTERM of a holder (to the standby's connection open at the platform)",
                millis(connected - stop) + " ms (" + millis(connected - exited) + " ms after the holder's exit; "
                        + "standby check every " + STANDBY_CHECK_MS + " ms)");
        assertTrue(connected - exited < TimeUnit.MILLISECONDS.toNanos(STANDBY_CHECK_MS * 3 + 5000),
                "taken over within its standby check (plus a bootstrap): " + millis(connected - exited) + " ms");
    }

    // ---- helpers --------------------------------------------------------------------------------

    private record Sent(String eventId, long sentNanos, Delivery delivery) {
    }

    private static void start(String... names) throws Exception {
        for (String name : names) {
            INSTANCES.get(name).start();
        }
        for (String name : names) {
            PayaraInstance i = INSTANCES.get(name);
            assertTrue(i.awaitReady(READY.toSeconds()), () -> name + " did not start:\n" + i.tail(4000));
        }
    }

    /** Waits for the acks of {@code deliveries}. */
    private static void awaitAcks(List<Sent> deliveries) throws Exception {
        for (Sent s : deliveries) {
            s.delivery().ack().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** What the load sent, in order; readers wait for it to grow. */
    private static final class SentLog {
        private final List<Sent> sent = new ArrayList<>();

        synchronized void add(Sent s) {
            sent.add(s);
            notifyAll();
        }

        synchronized int size() {
            return sent.size();
        }

        synchronized List<Sent> all() {
            return List.copyOf(sent);
        }

        /** The first {@code n} sent, once they were; fails after {@code timeout}. */
        synchronized List<Sent> awaitFirst(int n, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (sent.size() < n) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                assertTrue(left > 0, "the load did not reach " + n + " callbacks");
                wait(left);
            }
            return List.copyOf(sent.subList(0, n));
        }
    }

    private static Map<String, String> devicesByInstance(String... names) throws Exception {
        Map<String, String> devices = new HashMap<>();
        for (String name : names) {
            devices.put(name, awaitDevice(name));
        }
        return devices;
    }

    /** The device id of the instance's connection, once its readiness names one that is connected. */
    private static String awaitDevice(String name) throws Exception {
        Pattern connected = Pattern.compile("\"#1\\.state\":\"CONNECTED\".*?\"#1\\.device\":\"([^\"]+)\"|\"#1\\.device\":\"([^\"]+)\".*?\"#1\\.state\":\"CONNECTED\"");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String ready = readiness(name);
            Matcher m = connected.matcher(ready);
            if (ready.startsWith("{\"status\":\"UP\"") && m.find()) {
                return m.group(1) != null ? m.group(1) : m.group(2);
            }
            assertTrue(System.nanoTime() < deadline, () -> name + " never connected: " + ready);
            Thread.sleep(50); // another process: nothing to wait on but its readiness endpoint
        }
    }

    private static String readiness(String name) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + INSTANCES.get(name).httpPort + "/health/ready"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** How often each event's observers ran, across every instance's record. */
    private static Map<String, Integer> runs() throws IOException {
        Map<String, Integer> runs = new HashMap<>();
        for (String name : INSTANCES.keySet()) {
            Path file = new File(WORK, "runs-" + name + ".txt").toPath();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        runs.merge(line.substring(0, line.indexOf(' ')), 1, Integer::sum);
                    }
                }
            }
        }
        return runs;
    }

    private static URI webhookUri(String name) {
        return URI.create("http://127.0.0.1:" + INSTANCES.get(name).httpPort + "/larkee/api/webhook/event");
    }

    private static String eventId(String payload) {
        return Json.createReader(new java.io.StringReader(payload)).readObject().getJsonObject("header").getString("event_id");
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1 < 0 ? 0
                : (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static int freePort() throws IOException {
        // Three consecutive free ports for the grid, or one for HTTP: good enough on a quiet loopback.
        for (int tries = 0; tries < 50; tries++) {
            try (ServerSocket s = new ServerSocket(0)) {
                int port = s.getLocalPort();
                if (port + 2 < 65536 && free(port + 1) && free(port + 2)) {
                    return port;
                }
            }
        }
        throw new IOException("no free ports");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> all = Files.walk(root)) {
                all.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
