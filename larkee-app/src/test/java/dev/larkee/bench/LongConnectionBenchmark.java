package dev.larkee.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue 3 "Measured": larkee's long-connection client vs. the official Java SDK's
 * ({@code com.lark.oapi.ws.Client}, oapi-sdk 2.5.3) against the same simulated platform in one
 * Payara Micro. Not a test: run it with {@code mvn -Pbench verify -Dbench.suite=long-connection}.
 *
 * <p>Payara Micro (the bench WAR: larkee with its simulator, {@link BenchObserver} answering every
 * card action with a toast, and {@link LongConnectionBenchResource} driving the simulator) runs as
 * a child of this JVM, in the same process session. larkee's own long connection connects to the
 * simulator inside Payara; the SDK's client runs in this JVM and connects to the same simulator
 * over 127.0.0.1 with the simulated app's credentials (fetched over loopback, never printed), its
 * {@code card.action.trigger} handler returning the same toast. Load phases push 1 KiB
 * {@code type=event} frames to one client's connection with a window of outstanding frames,
 * interleaved larkee/SDK; drop phases close a client's connection with 1001 and time the next
 * acknowledged frame. Every loop is bounded by a count and a time limit.
 */
public final class LongConnectionBenchmark {

    private record Phase(String client, long acked, long wrong, long failed, long timeouts, long wallNanos,
            long[] latencyMicros, long cpuNanos, String firstProblem) {
        double perSecond() {
            return wallNanos == 0 ? 0 : acked * 1e9 / wallNanos;
        }
    }

    public static void main(String[] args) throws Exception {
        if (!Arrays.asList(System.getProperty("bench.suite", "long-connection").split(",")).contains("long-connection")) {
            return;
        }
        int port = Integer.getInteger("bench.lc.port", 18391);
        int window = Integer.getInteger("bench.lc.window", 32);
        int warmup = Integer.getInteger("bench.lc.warmup", 60_000);
        int rounds = Integer.getInteger("bench.lc.rounds", 5);
        int batch = Integer.getInteger("bench.lc.batch", 20_000);
        int bytes = Integer.getInteger("bench.lc.bytes", 1024);
        int drops = Integer.getInteger("bench.lc.drops", 5);
        long phaseMs = TimeUnit.SECONDS.toMillis(Integer.getInteger("bench.phase-seconds", 20));
        long dropLimitMs = TimeUnit.SECONDS.toMillis(Integer.getInteger("bench.lc.drop-seconds", 20));
        String clientConfig = System.getProperty("bench.lc.client-config", "120,-1,5,1");
        String clients = System.getProperty("bench.lc.clients", "larkee,sdk");
        boolean lightTimers = Boolean.parseBoolean(System.getProperty("bench.lc.light-simulator", "true"));
        long runDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Integer.getInteger("bench.lc.max-seconds", 300));
        String jvmFlags = System.getProperty("bench.payara.flags", "-Xmx256m -XX:+UseSerialGC");
        String jfr = System.getProperty("bench.lc.jfr", "");
        File microJar = new File(System.getProperty("payara.microJar", "target/payara-micro.jar"));
        File postboot = new File(System.getProperty("payara.postboot", "payara-config/post-boot-commands.asadmin"));
        File work = new File(System.getProperty("bench.dir", "target/bench"), "long-connection").getAbsoluteFile();

        // No credential configured: larkee runs its simulator, and its long connection connects to it.
        Map<String, String> config = new LinkedHashMap<>();
        config.put("larkee.http-port", String.valueOf(port));
        config.put("larkee.examples.enabled", "false");
        config.put("larkee.simulator.enabled", "true");
        File war = BenchWar.export(config, new File(work, "larkee.war"), false, BenchObserver.class,
                NoopResource.class, LongConnectionBenchResource.class, SimulatorSessionTimers.class);

        String[] cc = clientConfig.split(",");
        List<String> order = List.of(clients.split(","));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + port + "/larkee/test/bench/lc/";
        WebhookBenchmark.Requests readiness = new WebhookBenchmark.Requests(HexFormat.of().formatHex(WebhookBenchmark.bytes(16)), "t", port);
        LoadClient probeClient = new LoadClient(new InetSocketAddress("127.0.0.1", port), 1);
        WebhookBenchmark.Payara payara = WebhookBenchmark.Payara.start(microJar, war, postboot, port, jvmFlags, jfr, work);
        int exit = 0;
        try {
            long self = ProcessHandle.current().pid();
            System.out.printf(Locale.ROOT, "Payara Micro pid %d, session %s; benchmark JVM (SDK client, driver calls) pid %d, session %s%n",
                    payara.pid(), WebhookBenchmark.sessionOf(payara.pid()), self, WebhookBenchmark.sessionOf(self));
            payara.awaitReady(probeClient, readiness, TimeUnit.SECONDS.toNanos(120));
            System.out.printf(Locale.ROOT, "ready after %.1f s%n", payara.startupSeconds());

            // Same ClientConfig for both: set it, then make larkee bootstrap again so it gets it too.
            JsonObject applied = call(http, base + "client-config?ping=" + cc[0] + "&count=" + cc[1] + "&interval=" + cc[2]
                    + "&nonce=" + cc[3], true);
            System.out.println("ClientConfig for both clients: " + applied);
            awaitConnections(http, base, "larkee", 1, 30_000);

            if (order.contains("sdk")) {
                JsonObject credentials = call(http, base + "credentials", false);
                com.lark.oapi.ws.Client sdk = new com.lark.oapi.ws.Client.Builder(credentials.getString("appId"),
                        credentials.getString("appSecret"))
                        .domain("http://127.0.0.1:" + port + "/larkee/api/simulator")
                        .eventHandler(SdkResource.okToastDispatcher("", ""))
                        .build();
                sdk.start();
                awaitConnections(http, base, "sdk", 1, 30_000);
            }
            System.out.println("connections: " + call(http, base + "connections", false));
            System.out.println(lightTimers ? "simulator sessions: Tyrus per-message idle-timer re-arm run inline (bench.lc.light-simulator=true)"
                    : "simulator sessions: as shipped (Tyrus re-arms its idle timer on Payara's managed scheduler per message)");

            for (String c : order) {
                Phase p = load(http, base, c, 1, window, bytes, 10_000, lightTimers, payara.pid());
                if (p.acked() != 1) {
                    throw new IllegalStateException(c + " did not acknowledge the probe correctly: " + p.firstProblem());
                }
            }

            int warmRounds = (warmup + batch - 1) / batch;
            System.out.printf(Locale.ROOT, "warm-up: %d frames per client, interleaved in batches of %d, window %d, %d-byte payloads%n",
                    warmRounds * batch, batch, window, bytes);
            for (int w = 0; w < warmRounds && System.nanoTime() < runDeadline; w++) {
                StringBuilder line = new StringBuilder("  warm-up " + (w + 1) + "/" + warmRounds + ":");
                for (String c : rotate(order, w)) {
                    Phase p = load(http, base, c, batch, window, bytes, phaseMs, lightTimers, payara.pid());
                    line.append(String.format(Locale.ROOT, " %s %.0f/s%s", c, p.perSecond(),
                            p.wrong() + p.failed() + p.timeouts() > 0 ? " (" + p.firstProblem() + ")" : ""));
                }
                System.out.println(line);
            }

            Map<String, List<Phase>> results = new LinkedHashMap<>();
            order.forEach(c -> results.put(c, new ArrayList<>()));
            for (int r = 0; r < rounds && System.nanoTime() < runDeadline; r++) {
                StringBuilder line = new StringBuilder("  round " + (r + 1) + "/" + rounds + ":");
                for (String c : rotate(order, r)) {
                    Phase p = load(http, base, c, batch, window, bytes, phaseMs, lightTimers, payara.pid());
                    results.get(c).add(p);
                    line.append(String.format(Locale.ROOT, " %s %.0f/s", c, p.perSecond()));
                }
                System.out.println(line);
            }

            Map<String, List<double[]>> recoveries = new LinkedHashMap<>();
            order.forEach(c -> recoveries.put(c, new ArrayList<>()));
            for (int d = 0; d < drops && System.nanoTime() < runDeadline; d++) {
                StringBuilder line = new StringBuilder("  drop " + (d + 1) + "/" + drops + ":");
                for (String c : rotate(order, d)) {
                    if (!hasConnections(http, base, c, 1, 5_000)) {
                        // Still not back from an earlier drop: nothing to drop, counted as not recovered.
                        recoveries.get(c).add(new double[] {-1, -1});
                        line.append(' ').append(c).append(" still without a connection since an earlier drop");
                        continue;
                    }
                    JsonObject r = call(http, base + "drop?client=" + c + "&code=1001&limitMs=" + dropLimitMs, true);
                    double reconnected = r.getJsonNumber("reconnectedMs").doubleValue();
                    double recovered = r.getJsonNumber("recoveredMs").doubleValue();
                    recoveries.get(c).add(new double[] {reconnected, recovered});
                    line.append(String.format(Locale.ROOT, " %s %s (socket %s)", c,
                            recovered < 0 ? "NOT within " + dropLimitMs + " ms" : String.format(Locale.ROOT, "%.0f ms", recovered),
                            reconnected < 0 ? "-" : String.format(Locale.ROOT, "%.0f ms", reconnected)));
                    if (recovered < 0 && !r.getString("lastProblem").isEmpty()) {
                        line.append(" [").append(r.getString("lastProblem")).append(']');
                    }
                }
                System.out.println(line);
            }
            report(results, recoveries, window, bytes, applied, dropLimitMs);
        } catch (Exception | Error e) {
            exit = 1;
            e.printStackTrace();
        } finally {
            payara.stop();
            // The SDK's client has no close() and non-daemon threads: end the JVM here.
            System.out.flush();
            Runtime.getRuntime().halt(exit);
        }
    }

    private static Phase load(HttpClient http, String base, String client, int count, int window, int bytes,
            long limitMs, boolean lightTimers, long payaraPid) throws IOException, InterruptedException {
        long cpu0 = cpuNanos(payaraPid) + cpuNanos(ProcessHandle.current().pid());
        JsonObject r = call(http, base + "load?client=" + client + "&count=" + count + "&window=" + window
                + "&bytes=" + bytes + "&limitMs=" + limitMs + "&lightTimers=" + lightTimers, true);
        long cpu = cpuNanos(payaraPid) + cpuNanos(ProcessHandle.current().pid()) - cpu0;
        String micros = r.getString("latencyMicros");
        long[] lat = micros.isEmpty() ? new long[0] : Arrays.stream(micros.split(",")).mapToLong(Long::parseLong).toArray();
        return new Phase(client, r.getJsonNumber("acked").longValue(), r.getJsonNumber("wrong").longValue(),
                r.getJsonNumber("failed").longValue(), r.getJsonNumber("timeouts").longValue(),
                r.getJsonNumber("wallNanos").longValue(), lat, cpu, r.getString("firstProblem"));
    }

    private static void report(Map<String, List<Phase>> results, Map<String, List<double[]>> recoveries, int window,
            int bytes, JsonObject clientConfig, long dropLimitMs) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-7s %8s %8s %14s %8s %8s %6s %7s %8s %10s%n",
                "client", "acks", "acks/s", "rounds acks/s", "p50 ms", "p99 ms", "wrong", "failed", "timeouts", "CPU us/ack");
        Map<String, Double> rate = new LinkedHashMap<>();
        for (var e : results.entrySet()) {
            List<Phase> ps = e.getValue();
            if (ps.isEmpty()) {
                continue;
            }
            long acked = 0;
            long wall = 0;
            long cpu = 0;
            long wrong = 0;
            long failed = 0;
            long timeouts = 0;
            double min = Double.MAX_VALUE;
            double max = 0;
            String first = "";
            for (Phase p : ps) {
                acked += p.acked();
                wall += p.wallNanos();
                cpu += p.cpuNanos();
                wrong += p.wrong();
                failed += p.failed();
                timeouts += p.timeouts();
                min = Math.min(min, p.perSecond());
                max = Math.max(max, p.perSecond());
                if (first.isEmpty()) {
                    first = p.firstProblem();
                }
            }
            long[] lat = ps.stream().flatMapToLong(p -> Arrays.stream(p.latencyMicros())).sorted().toArray();
            double perSecond = acked * 1e9 / wall;
            rate.put(e.getKey(), perSecond);
            System.out.printf(Locale.ROOT, "%-7s %8d %8.0f %6.0f-%-7.0f %8.2f %8.2f %6d %7d %8d %10.0f%n",
                    e.getKey(), acked, perSecond, min, max, percentile(lat, 50) / 1e3, percentile(lat, 99) / 1e3,
                    wrong, failed, timeouts, acked == 0 ? 0 : cpu / 1e3 / acked);
            if (!first.isEmpty()) {
                System.out.println("  first problem: " + first);
            }
        }
        System.out.printf(Locale.ROOT, "(window %d outstanding frames, %d-byte card.action.trigger type=event frames; acks/s = "
                + "good acks / summed phase time; latency = simulator push to ack; CPU = Payara + benchmark JVM per good ack)%n",
                window, bytes);
        if (rate.containsKey("larkee") && rate.containsKey("sdk")) {
            System.out.printf(Locale.ROOT, "larkee / sdk = %.2fx (target >= 3x)%n", rate.get("larkee") / rate.get("sdk"));
        }
        System.out.println();
        System.out.println("drop recovery: close frame 1001 from the simulator -> next acknowledged frame on the new connection; "
                + "ClientConfig " + clientConfig);
        for (var e : recoveries.entrySet()) {
            List<double[]> rs = e.getValue();
            if (rs.isEmpty()) {
                continue;
            }
            double[] recovered = rs.stream().mapToDouble(r -> r[1]).filter(v -> v >= 0).sorted().toArray();
            double[] reconnected = rs.stream().mapToDouble(r -> r[0]).filter(v -> v >= 0).sorted().toArray();
            long missed = rs.size() - recovered.length;
            System.out.printf(Locale.ROOT, "%-7s drops %d, recovered %d: median %s, max %s (new socket open: median %s)%s%n",
                    e.getKey(), rs.size(), recovered.length, ms(median(recovered)),
                    ms(recovered.length == 0 ? -1 : recovered[recovered.length - 1]), ms(median(reconnected)),
                    missed > 0 ? "; " + missed + " not within " + dropLimitMs + " ms" : "");
        }
        System.out.println("(target: larkee recovers in under 2 s)");
    }

    private static String ms(double v) {
        return v < 0 ? "-" : String.format(Locale.ROOT, "%.0f ms", v);
    }

    private static double median(double[] sorted) {
        return sorted.length == 0 ? -1 : sorted[sorted.length / 2];
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static void awaitConnections(HttpClient http, String base, String client, int n, long limitMs)
            throws IOException, InterruptedException {
        if (!hasConnections(http, base, client, n, limitMs)) {
            throw new IllegalStateException(client + " does not have " + n + " connection(s): "
                    + call(http, base + "connections", false));
        }
    }

    private static boolean hasConnections(HttpClient http, String base, String client, int n, long limitMs)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMs);
        while (System.nanoTime() < deadline) {
            if (call(http, base + "connections", false).getJsonArray(client).size() == n) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static JsonObject call(HttpClient http, String url, boolean post) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        HttpResponse<String> resp = http.send(post ? b.POST(HttpRequest.BodyPublishers.noBody()).build() : b.GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new IllegalStateException(url.replaceAll("\\?.*", "") + " answered " + resp.statusCode());
        }
        try (JsonReader reader = Json.createReader(new StringReader(resp.body()))) {
            return reader.readObject();
        }
    }

    private static <T> List<T> rotate(List<T> list, int by) {
        List<T> out = new ArrayList<>(list);
        java.util.Collections.rotate(out, -(by % Math.max(1, list.size())));
        return out;
    }

    /** utime + stime of a process, from /proc (clock ticks of 10 ms). */
    private static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
