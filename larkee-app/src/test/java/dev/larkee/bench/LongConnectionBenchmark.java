package dev.larkee.bench;

import dev.larkee.simulator.CallbackPayloads;
import dev.larkee.standalone.Ack;
import dev.larkee.standalone.ConnectionInfo;
import dev.larkee.standalone.SimulatorOptions;
import dev.larkee.standalone.StandaloneSimulator;
import dev.larkee.longconnection.ClientConfig;
import jakarta.json.Json;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * larkee's long connection against the official SDK's, as a user runs each: larkee's WAR on Payara
 * Micro, the SDK's {@code ws.Client} in a JVM of its own with the same heap and collector, and the
 * platform (the standalone simulator) in this JVM, outside both, pushing 1 KiB
 * {@code card.action.trigger} frames to one client at a time with a window of outstanding frames
 * and checking every ack (code 200, the toast). Prints acks/s and ack latency with 32 (or
 * {@code bench.lc.window}) outstanding and with 1, CPU per ack of the client's process and of the
 * platform's separately, the RSS of Payara idle and under load beside an empty Payara Micro's, and
 * the time from a platform close to the next ack.
 */
public final class LongConnectionBenchmark {

    private static final String TOAST = "{\"toast\":{\"type\":\"success\",\"content\":\"ok\"}}";
    private static final String APP_ID = "cli_bench_lc";

    private record Phase(long acked, long wrong, long wallNanos, long[] latencyNanos, long clientCpu, long platformCpu,
            String firstProblem) {
        double perSecond() {
            return wallNanos == 0 ? 0 : acked * 1e9 / wallNanos;
        }
    }

    private record Client(String name, long pid, String device) {
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
        int singles = Integer.getInteger("bench.lc.singles", 5_000);
        int bytes = Integer.getInteger("bench.lc.bytes", 1024);
        int drops = Integer.getInteger("bench.lc.drops", 3);
        long phaseNanos = TimeUnit.SECONDS.toNanos(Integer.getInteger("bench.phase-seconds", 20));
        long runDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Integer.getInteger("bench.lc.max-seconds", 300));
        String jvmFlags = System.getProperty("bench.payara.flags", "-Xmx256m -XX:+UseSerialGC");
        String sdkFlags = System.getProperty("bench.sdk.flags", jvmFlags);
        List<String> order = List.of(System.getProperty("bench.lc.clients", "larkee,sdk").split(","));
        File microJar = new File(System.getProperty("payara.microJar", "target/payara-micro.jar"));
        File postboot = new File(System.getProperty("payara.postboot", "payara-config/post-boot-commands.asadmin"));
        File work = new File(System.getProperty("bench.dir", "target/bench"), "long-connection").getAbsoluteFile();
        String secret = UUID.randomUUID().toString();

        long emptyRss = idleRssKb(microJar, null, postboot, port, jvmFlags, new File(work, "empty"));
        // What any application costs the same server: one JAX-RS resource and a CDI bean, no larkee.
        File oneResource = new File(work, "one-resource/noop.war");
        oneResource.getParentFile().mkdirs();
        org.jboss.shrinkwrap.api.ShrinkWrap.create(org.jboss.shrinkwrap.api.spec.WebArchive.class, "noop.war")
                .addClasses(NoopResource.class, dev.larkee.it.TestApplication.class)
                .as(org.jboss.shrinkwrap.api.exporter.ZipExporter.class).exportTo(oneResource, true);
        long oneResourceRss = idleRssKb(microJar, oneResource, postboot, port, jvmFlags, new File(work, "one-resource"));
        // PingInterval 120 s, ReconnectCount -1, ReconnectInterval 5 s, ReconnectNonce 1 s; no re-delivery within a phase.
        StandaloneSimulator platform = StandaloneSimulator.start(SimulatorOptions.builder(APP_ID, secret)
                .clientConfig(new ClientConfig(120, -1, 5, 1)).redeliveryTimeout(Duration.ofSeconds(60)).maxAttempts(1)
                .build());
        Map<String, String> config = new LinkedHashMap<>();
        config.put("larkee.app-id", APP_ID);
        config.put("larkee.app-secret", secret);
        config.put("larkee.domain", platform.base());
        // larkee as a user deploys it: its jar and protobuf's in the user's WAR with one observer.
        File war = BenchWar.userWar(config, new File(work, "larkee.war"), BenchObserver.class);
        WebhookBenchmark.Payara payara = WebhookBenchmark.Payara.start(microJar, war, postboot, port, jvmFlags, "", work);
        Process sdk = null;
        int exit = 0;
        try {
            payara.awaitStarted(TimeUnit.SECONDS.toNanos(120));
            Map<String, Client> clients = new LinkedHashMap<>();
            if (order.contains("larkee")) {
                clients.put("larkee", new Client("larkee", payara.pid(), newDevice(platform, Set.of())));
            }
            long idleRss = rssKb(payara.pid());
            if (order.contains("sdk")) {
                Set<String> before = devices(platform);
                List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
                cmd.addAll(List.of(sdkFlags.trim().split("\\s+")));
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SdkLongConnectionClient.class.getName(),
                        platform.base(), APP_ID));
                ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(new File(work, "sdk-client.log"));
                b.environment().put("BENCH_APP_SECRET", secret);
                sdk = b.start();
                clients.put("sdk", new Client("sdk", sdk.pid(), newDevice(platform, before)));
            }
            System.out.printf(Locale.ROOT, "processes: platform (this JVM) %d, Payara Micro (larkee) %d%s; same session: %s%n",
                    ProcessHandle.current().pid(), payara.pid(), sdk == null ? "" : ", SDK client " + sdk.pid(),
                    WebhookBenchmark.sessionOf(payara.pid()).equals(WebhookBenchmark.sessionOf(ProcessHandle.current().pid())));
            System.out.printf(Locale.ROOT, "Payara ready after %.1f s; both clients %s and %s%n", payara.startupSeconds(),
                    jvmFlags, "(SDK: " + sdkFlags + ")");

            int warmRounds = (warmup + batch - 1) / batch;
            for (int w = 0; w < warmRounds && System.nanoTime() < runDeadline; w++) {
                StringBuilder line = new StringBuilder("  warm-up " + (w + 1) + "/" + warmRounds + ":");
                for (String c : rotate(order, w)) {
                    Phase p = load(platform, clients.get(c), batch, window, bytes, phaseNanos);
                    line.append(String.format(Locale.ROOT, " %s %.0f/s%s", c, p.perSecond(),
                            p.wrong() > 0 ? " (" + p.firstProblem() + ")" : ""));
                }
                System.out.println(line);
            }
            Map<String, List<Phase>> windowed = new LinkedHashMap<>();
            Map<String, List<Phase>> single = new LinkedHashMap<>();
            order.forEach(c -> {
                windowed.put(c, new ArrayList<>());
                single.put(c, new ArrayList<>());
            });
            long loadRss = 0;
            for (int r = 0; r < rounds && System.nanoTime() < runDeadline; r++) {
                StringBuilder line = new StringBuilder("  round " + (r + 1) + "/" + rounds + ":");
                for (String c : rotate(order, r)) {
                    Phase p = load(platform, clients.get(c), batch, window, bytes, phaseNanos);
                    if (c.equals("larkee")) {
                        loadRss = Math.max(loadRss, rssKb(payara.pid()));
                    }
                    windowed.get(c).add(p);
                    Phase one = load(platform, clients.get(c), singles, 1, bytes, phaseNanos);
                    single.get(c).add(one);
                    line.append(String.format(Locale.ROOT, " %s %.0f/s (1 outstanding: %.0f/s)", c, p.perSecond(),
                            one.perSecond()));
                }
                System.out.println(line);
            }
            System.out.println();
            report("window " + window, windowed);
            report("1 outstanding", single);
            System.out.printf(Locale.ROOT, "%nmemory (RSS): empty Payara Micro %d MB; with a one-resource JAX-RS WAR idle %d MB "
                    + "(+%d); with larkee (a user's WAR: larkee, protobuf, one observer) idle %d MB (+%d), under load %d MB (+%d; target <= +40)%s%n", emptyRss / 1024,
                    oneResourceRss / 1024, (oneResourceRss - emptyRss) / 1024, idleRss / 1024, (idleRss - emptyRss) / 1024,
                    loadRss / 1024, (loadRss - emptyRss) / 1024,
                    sdk == null ? "" : "; SDK client JVM " + rssKb(sdk.pid()) / 1024 + " MB");
            drops(platform, clients, order, drops, runDeadline);
        } catch (Exception | Error e) {
            exit = 1;
            e.printStackTrace();
        } finally {
            if (sdk != null) {
                sdk.destroy(); // SIGTERM: a profiler attached to it writes its output
                if (!sdk.waitFor(10, TimeUnit.SECONDS)) {
                    sdk.destroyForcibly();
                }
            }
            payara.stop();
            platform.close();
            System.out.flush();
            Runtime.getRuntime().halt(exit);
        }
    }

    /** Pushes {@code count} frames to {@code client} keeping {@code window} outstanding; every ack checked. */
    private static Phase load(StandaloneSimulator platform, Client client, int count, int window, int bytes, long limitNanos)
            throws InterruptedException {
        CallbackPayloads payloads = new CallbackPayloads(APP_ID, "");
        String pad = "x".repeat(Math.max(0, bytes - 700));
        List<String> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add(payloads.cardAction(Json.createObjectBuilder().add("pad", pad).add("n", i).build()).toString());
        }
        Semaphore slots = new Semaphore(window);
        long[] latency = new long[count];
        AtomicLong acked = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        AtomicReference<String> problem = new AtomicReference<>("");
        long cpuClient = cpuNanos(client.pid());
        long cpuPlatform = cpuNanos(ProcessHandle.current().pid());
        long start = System.nanoTime();
        long deadline = start + limitNanos;
        int sent = 0;
        for (; sent < count && System.nanoTime() < deadline; sent++) {
            if (!slots.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            int n = sent;
            long pushed = System.nanoTime();
            CompletableFuture<Ack> ack = platform.sendTo(client.device(), "event", frames.get(n)).ack();
            ack.whenComplete((a, failure) -> {
                latency[n] = System.nanoTime() - pushed;
                if (failure == null && a.code() == 200 && TOAST.equals(a.reply())) {
                    acked.incrementAndGet();
                } else {
                    wrong.incrementAndGet();
                    problem.compareAndSet("", failure != null ? failure.toString() : "code " + a.code() + " reply " + a.reply());
                }
                slots.release();
            });
        }
        slots.tryAcquire(window, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        long wall = System.nanoTime() - start;
        long[] measured = Arrays.copyOf(latency, sent);
        Arrays.sort(measured);
        return new Phase(acked.get(), wrong.get() + (sent - acked.get() - wrong.get()), wall, measured,
                cpuNanos(client.pid()) - cpuClient, cpuNanos(ProcessHandle.current().pid()) - cpuPlatform, problem.get());
    }

    private static void report(String title, Map<String, List<Phase>> results) {
        System.out.printf(Locale.ROOT, "%s:%n%-7s %8s %8s %15s %8s %8s %6s %14s %14s%n", title, "client", "acks", "acks/s",
                "rounds acks/s", "p50 ms", "p99 ms", "wrong", "client CPU/ack", "platform CPU/ack");
        Map<String, double[]> figures = new LinkedHashMap<>();
        for (var e : results.entrySet()) {
            List<Phase> ps = e.getValue();
            if (ps.isEmpty()) {
                continue;
            }
            long acked = ps.stream().mapToLong(Phase::acked).sum();
            long wall = ps.stream().mapToLong(Phase::wallNanos).sum();
            long wrong = ps.stream().mapToLong(Phase::wrong).sum();
            long clientCpu = ps.stream().mapToLong(Phase::clientCpu).sum();
            long platformCpu = ps.stream().mapToLong(Phase::platformCpu).sum();
            double min = ps.stream().mapToDouble(Phase::perSecond).min().orElse(0);
            double max = ps.stream().mapToDouble(Phase::perSecond).max().orElse(0);
            long[] lat = ps.stream().flatMapToLong(p -> Arrays.stream(p.latencyNanos())).sorted().toArray();
            double rate = acked * 1e9 / Math.max(1, wall);
            figures.put(e.getKey(), new double[] {rate, percentile(lat, 50) / 1e6, percentile(lat, 99) / 1e6});
            System.out.printf(Locale.ROOT, "%-7s %8d %8.0f %7.0f-%-7.0f %8.2f %8.2f %6d %11.0f us %13.0f us%n", e.getKey(), acked,
                    rate, min, max, percentile(lat, 50) / 1e6, percentile(lat, 99) / 1e6, wrong,
                    acked == 0 ? 0 : clientCpu / 1e3 / acked, acked == 0 ? 0 : platformCpu / 1e3 / acked);
            ps.stream().map(Phase::firstProblem).filter(s -> !s.isEmpty()).findFirst()
                    .ifPresent(s -> System.out.println("  first problem: " + s));
        }
        double[] l = figures.get("larkee");
        double[] s = figures.get("sdk");
        if (l != null && s != null) {
            System.out.printf(Locale.ROOT, "larkee / sdk: acks/s %.2fx (target >= 1.5x with 32 outstanding), p50 %.2f vs %.2f ms "
                    + "(target <= with 1), p99 %.2f vs %.2f ms (target <=)%n",
                    l[0] / s[0], l[1], s[1], l[2], s[2]);
        }
    }

    /** The platform closes each client's connection (1001): time to the next acknowledged frame on a new one. */
    private static void drops(StandaloneSimulator platform, Map<String, Client> clients, List<String> order, int drops,
            long runDeadline) throws InterruptedException {
        System.out.println();
        for (String c : order) {
            List<Long> recovered = new ArrayList<>();
            int missed = 0;
            Client client = clients.get(c);
            for (int d = 0; d < drops && System.nanoTime() < runDeadline; d++) {
                Set<String> before = devices(platform);
                long t0 = System.nanoTime();
                platform.disconnect(client.device(), 1001);
                String device = awaitNewDevice(platform, before, client.device(), TimeUnit.SECONDS.toNanos(20));
                if (device == null) {
                    missed++;
                    break; // not back: later drops have nothing to drop
                }
                Phase p = load(platform, new Client(c, client.pid(), device), 1, 1, 1024, TimeUnit.SECONDS.toNanos(20));
                if (p.acked() == 1) {
                    recovered.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                }
                client = new Client(c, client.pid(), device);
            }
            clients.put(c, client);
            recovered.sort(null);
            System.out.printf(Locale.ROOT, "drop recovery %-7s close 1001 -> next ack on a new connection: %d recovered%s%s%n", c,
                    recovered.size(), recovered.isEmpty() ? "" : ", median " + recovered.get(recovered.size() / 2) + " ms, max "
                            + recovered.get(recovered.size() - 1) + " ms", missed > 0 ? "; not back within 20 s" : "");
        }
    }

    private static Set<String> devices(StandaloneSimulator platform) {
        Set<String> s = new HashSet<>();
        platform.connections().forEach(c -> s.add(c.deviceId()));
        return s;
    }

    /** The device of the connection that opens next (not in {@code before}), within 60 s. */
    private static String newDevice(StandaloneSimulator platform, Set<String> before) throws InterruptedException {
        String d = awaitNewDevice(platform, before, null, TimeUnit.SECONDS.toNanos(60));
        if (d == null) {
            throw new IllegalStateException("no new connection within 60 s: " + platform.connections());
        }
        return d;
    }

    private static String awaitNewDevice(StandaloneSimulator platform, Set<String> before, String gone, long limitNanos)
            throws InterruptedException {
        long deadline = System.nanoTime() + limitNanos;
        while (System.nanoTime() < deadline) {
            int open = before.size() - (gone == null ? 0 : 1);
            platform.awaitConnections(open + 1, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            for (ConnectionInfo c : platform.connections()) {
                if (!before.contains(c.deviceId())) {
                    return c.deviceId();
                }
            }
        }
        return null;
    }

    /** A Payara Micro's RSS once started with {@code war} (null: empty), the baselines of the memory figures. */
    private static long idleRssKb(File microJar, File war, File postboot, int port, String jvmFlags, File work) throws Exception {
        WebhookBenchmark.Payara empty = WebhookBenchmark.Payara.start(microJar, war, postboot, port, jvmFlags, "", work);
        try {
            empty.awaitStarted(TimeUnit.SECONDS.toNanos(120));
            return rssKb(empty.pid());
        } finally {
            empty.stop();
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static <T> List<T> rotate(List<T> list, int by) {
        List<T> out = new ArrayList<>(list);
        java.util.Collections.rotate(out, -(by % Math.max(1, list.size())));
        return out;
    }

    /** utime + stime of a process, from /proc (clock ticks of 10 ms). */
    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Resident set size of a process in KiB, from /proc. */
    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }
}
