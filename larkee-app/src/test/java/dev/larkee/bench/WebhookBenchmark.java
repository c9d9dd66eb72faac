package dev.larkee.bench;

import dev.larkee.crypto.PayloadCipher;
import dev.larkee.crypto.RequestSignature;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue 2 §6: larkee's webhook vs. a no-op JAX-RS POST vs. the official SDK's EventDispatcher, all
 * in one Payara Micro, loaded from this process over 127.0.0.1 with the same encrypted, signed
 * {@code card.action.trigger} requests, interleaved. Not a test: run it with {@code mvn -Pbench verify}.
 *
 * <p>Payara Micro is started as a child of this JVM, so it stays in the load generator's process
 * session (and scheduling autogroup). Every loop is bounded by a request count and a time limit.
 * The keys are random per run and never printed.
 */
public final class WebhookBenchmark {

    private static final String TOAST = "{\"toast\":{\"type\":\"success\",\"content\":\"ok\"}}";
    private static final String EMPTY = "{}";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private record Endpoint(String name, String path, byte[] expected) {
    }

    public static void main(String[] args) throws Exception {
        if (!List.of(System.getProperty("bench.suite", "webhook").split(",")).contains("webhook")) {
            return;
        }
        int port = Integer.getInteger("bench.port", 18291);
        int connections = Integer.getInteger("bench.connections", 32);
        int warmup = Integer.getInteger("bench.warmup", 100_000);
        int rounds = Integer.getInteger("bench.rounds", 5);
        int batch = Integer.getInteger("bench.batch", 20_000);
        long phaseLimit = TimeUnit.SECONDS.toNanos(Integer.getInteger("bench.phase-seconds", 20));
        long runDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Integer.getInteger("bench.max-seconds", 330));
        String only = System.getProperty("bench.endpoints", "larkee,noop,sdk");
        String jvmFlags = System.getProperty("bench.payara.flags", "-Xmx256m -XX:+UseSerialGC");
        String jfr = System.getProperty("bench.jfr", "");
        File microJar = new File(System.getProperty("payara.microJar", "target/payara-micro.jar"));
        File postboot = new File(System.getProperty("payara.postboot", "payara-config/post-boot-commands.asadmin"));
        File work = new File(System.getProperty("bench.dir", "target/bench")).getAbsoluteFile();

        String encryptKey = HEX.formatHex(bytes(16));
        String token = "vt_" + HEX.formatHex(bytes(12));
        Map<String, String> config = webhookOnly(encryptKey, token, port);
        File war = BenchWar.export(config, new File(work, "larkee.war"));

        List<Endpoint> endpoints = new ArrayList<>();
        for (Endpoint e : List.of(
                new Endpoint("larkee", "/larkee/api/webhook/event", TOAST.getBytes(StandardCharsets.UTF_8)),
                new Endpoint("noop", "/larkee/test/bench/noop", EMPTY.getBytes(StandardCharsets.UTF_8)),
                new Endpoint("sdk", "/larkee/test/bench/sdk", TOAST.getBytes(StandardCharsets.UTF_8)))) {
            if (List.of(only.split(",")).contains(e.name())) {
                endpoints.add(e);
            }
        }

        Requests requests = new Requests(encryptKey, token, port);
        LoadClient client = new LoadClient(new InetSocketAddress("127.0.0.1", port), connections);
        Payara payara = Payara.start(microJar, war, postboot, port, jvmFlags, jfr, work);
        try {
            System.out.printf(Locale.ROOT, "Payara Micro pid %d, session %s; load generator pid %d, session %s%n",
                    payara.pid(), sessionOf(payara.pid()), ProcessHandle.current().pid(),
                    sessionOf(ProcessHandle.current().pid()));
            payara.awaitReady(client, requests, TimeUnit.SECONDS.toNanos(120));
            System.out.printf(Locale.ROOT, "ready after %.1f s%n", payara.startupSeconds());

            // One request each first: a wrong answer stops the run before any figure is printed.
            List<byte[]> probe = requests.batch(1);
            for (Endpoint e : endpoints) {
                LoadClient.Result r = client.run(e.name(), requests.line(e.path()), probe, e.expected(), TimeUnit.SECONDS.toNanos(10));
                if (r.completed() != 1) {
                    throw new IllegalStateException(e.name() + " answered wrongly: " + r.firstError());
                }
            }

            int warmRounds = (warmup + batch - 1) / batch;
            System.out.printf(Locale.ROOT, "warm-up: %d requests per endpoint, interleaved in batches of %d%n",
                    warmRounds * batch, batch);
            for (int w = 0; w < warmRounds && System.nanoTime() < runDeadline; w++) {
                List<byte[]> reqs = requests.batch(batch);
                StringBuilder line = new StringBuilder("  warm-up " + (w + 1) + "/" + warmRounds + ":");
                for (Endpoint e : rotate(endpoints, w)) {
                    LoadClient.Result r = client.run(e.name(), requests.line(e.path()), reqs, e.expected(), phaseLimit);
                    line.append(String.format(Locale.ROOT, " %s %.0f/s%s", e.name(), r.perSecond(),
                            r.errors() > 0 ? " (" + r.errors() + " errors: " + r.firstError() + ")" : ""));
                }
                System.out.println(line);
            }

            Map<String, List<LoadClient.Result>> results = new LinkedHashMap<>();
            // The server's CPU (utime + stime of the Payara process) while each endpoint's batch ran:
            // one endpoint at a time, so each batch's share is its own.
            Map<String, Long> serverCpu = new LinkedHashMap<>();
            endpoints.forEach(e -> results.put(e.name(), new ArrayList<>()));
            for (int round = 0; round < rounds && System.nanoTime() < runDeadline; round++) {
                List<byte[]> reqs = requests.batch(batch);
                StringBuilder line = new StringBuilder("  round " + (round + 1) + "/" + rounds + ":");
                for (Endpoint e : rotate(endpoints, round)) {
                    long cpuBefore = LongConnectionBenchmark.cpuNanos(payara.pid());
                    LoadClient.Result r = client.run(e.name(), requests.line(e.path()), reqs, e.expected(), phaseLimit);
                    serverCpu.merge(e.name(), LongConnectionBenchmark.cpuNanos(payara.pid()) - cpuBefore, Long::sum);
                    results.get(e.name()).add(r);
                    line.append(String.format(Locale.ROOT, " %s %.0f/s", e.name(), r.perSecond()));
                }
                System.out.println(line);
            }
            report(results, serverCpu, connections);
        } finally {
            payara.stop();
        }
    }

    /** larkee with the webhook only, on {@code port}, with these (random, never printed) secrets. */
    static Map<String, String> webhookOnly(String encryptKey, String token, int port) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("larkee.app-id", "cli_bench0000000000");
        config.put("larkee.encrypt-key", encryptKey);
        config.put("larkee.verification-token", token);
        config.put("larkee.long-connection.enabled", "false");
        config.put("larkee.http-port", String.valueOf(port));
        return config;
    }

    private static void report(Map<String, List<LoadClient.Result>> results, Map<String, Long> serverCpu, int connections) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-8s %9s %9s %14s %9s %9s %7s %10s %15s %12s%n",
                "endpoint", "requests", "req/s", "rounds req/s", "p50 ms", "p99 ms", "errors", "gen CPU",
                "server CPU/req", "gen CPU/req");
        Map<String, Double> rate = new LinkedHashMap<>();
        for (var entry : results.entrySet()) {
            List<LoadClient.Result> rs = entry.getValue();
            if (rs.isEmpty()) {
                continue;
            }
            long completed = 0;
            long wall = 0;
            long cpu = 0;
            long errors = 0;
            double min = Double.MAX_VALUE;
            double max = 0;
            List<long[]> all = new ArrayList<>();
            String firstError = null;
            for (LoadClient.Result r : rs) {
                completed += r.completed();
                wall += r.wallNanos();
                cpu += r.clientCpuNanos();
                errors += r.errors();
                min = Math.min(min, r.perSecond());
                max = Math.max(max, r.perSecond());
                all.add(r.latencies());
                if (firstError == null) {
                    firstError = r.firstError();
                }
            }
            long[] lat = all.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
            LoadClient.Result merged = new LoadClient.Result(entry.getKey(), (int) completed, (int) errors, wall, lat, cpu, 0, firstError);
            rate.put(entry.getKey(), merged.perSecond());
            long perRequest = Math.max(1, completed);
            System.out.printf(Locale.ROOT, "%-8s %9d %9.0f %6.0f-%-7.0f %9.2f %9.2f %7d %9.0f%% %12.0f us %9.0f us%n",
                    entry.getKey(), completed, merged.perSecond(), min, max,
                    merged.percentile(50) / 1e6, merged.percentile(99) / 1e6, errors, 100.0 * cpu / wall,
                    serverCpu.getOrDefault(entry.getKey(), 0L) / 1e3 / perRequest, cpu / 1e3 / perRequest);
            if (firstError != null) {
                System.out.println("  first error: " + firstError);
            }
        }
        System.out.printf(Locale.ROOT, "(%d keep-alive connections; req/s = completed / summed phase time; "
                + "gen CPU = load generator thread CPU / wall time; server CPU/req = the Payara process's CPU "
                + "(all its threads, from /proc) while that endpoint's batches ran, per request)%n", connections);
        Double larkee = rate.get("larkee");
        if (larkee != null && rate.containsKey("sdk") && rate.containsKey("noop")) {
            System.out.printf(Locale.ROOT, "larkee / sdk = %.2fx (target >= 1.2x); larkee / noop = %.0f%% (target >= 85%%)%n",
                    larkee / rate.get("sdk"), 100 * larkee / rate.get("noop"));
        }
    }

    private static <T> List<T> rotate(List<T> list, int by) {
        List<T> out = new ArrayList<>(list);
        java.util.Collections.rotate(out, -(by % Math.max(1, list.size())));
        return out;
    }

    static String sessionOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return f[3]; // state ppid pgrp session
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Encrypted, signed card.action.trigger requests with fresh ids and the current timestamp. */
    static final class Requests {
        private final PayloadCipher cipher;
        private final RequestSignature signature;
        private final String token;
        private final int port;

        Requests(String encryptKey, String token, int port) {
            this.cipher = new PayloadCipher(encryptKey);
            this.signature = RequestSignature.events(encryptKey);
            this.token = token;
            this.port = port;
        }

        byte[] line(String path) {
            return ("POST " + path + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        /** Everything after the request line: headers and body. */
        List<byte[]> batch(int n) {
            return batch(n, "{\"action\":\"approve\"}");
        }

        /** The same, with {@code valueJson} as the card's {@code action.value} (a request number is added). */
        List<byte[]> batch(int n, String valueJson) {
            List<byte[]> out = new ArrayList<>(n);
            long now = System.currentTimeMillis();
            String timestamp = Long.toString(now / 1000);
            for (int i = 0; i < n; i++) {
                String plain = "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"" + HEX.formatHex(bytes(16))
                        + "\",\"token\":\"" + token + "\",\"create_time\":\"" + now
                        + "\",\"event_type\":\"card.action.trigger\",\"tenant_key\":\"2ca1d211f64f6438\","
                        + "\"app_id\":\"cli_bench0000000000\"},\"event\":{\"operator\":{\"tenant_key\":\"2ca1d211f64f6438\","
                        + "\"user_id\":\"e33ggbyz\",\"open_id\":\"ou_84aad35d084aa403a838cf73ee18467\","
                        + "\"union_id\":\"on_8ed6aa67826108097d9ee143816345\"},"
                        + "\"token\":\"c-295ee57216a5dc9de90fefd0aadb4b1d7d337b7\",\"action\":{\"value\":"
                        + valueJson.substring(0, valueJson.length() - 1) + ",\"request_id\":\"r-" + i + "\"},\"tag\":\"button\"},\"host\":\"im_message\","
                        + "\"context\":{\"open_message_id\":\"om_5ce6d572455d361153b7cb51da133945\","
                        + "\"open_chat_id\":\"oc_5ce6d572455d361153b7cb51da133945\"}}}";
                byte[] body = ("{\"encrypt\":\"" + cipher.encrypt(plain) + "\"}").getBytes(StandardCharsets.UTF_8);
                String nonce = Long.toString(1_000_000_000L + (RANDOM.nextLong() & Long.MAX_VALUE) % 9_000_000_000L);
                String head = "Host: 127.0.0.1:" + port + "\r\n"
                        + "Content-Type: application/json; charset=utf-8\r\n"
                        + "User-Agent: larkee-bench\r\n"
                        + "X-Request-Id: " + HEX.formatHex(bytes(16)) + "\r\n"
                        + "X-Lark-Request-Timestamp: " + timestamp + "\r\n"
                        + "X-Lark-Request-Nonce: " + nonce + "\r\n"
                        + "X-Lark-Signature: " + signature.sign(timestamp, nonce, body) + "\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n";
                byte[] h = head.getBytes(StandardCharsets.US_ASCII);
                byte[] all = new byte[h.length + body.length];
                System.arraycopy(h, 0, all, 0, h.length);
                System.arraycopy(body, 0, all, h.length, body.length);
                out.add(all);
            }
            return out;
        }
    }

    /** Payara Micro as a child process of this JVM (same session), its output in a log file. */
    static final class Payara {
        private final Process process;
        private final Path log;
        private final long started = System.nanoTime();
        private long readyAt;

        private Payara(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static Payara start(File microJar, File war, File postboot, int port, String jvmFlags, String jfr, File work)
                throws IOException {
            if (!microJar.isFile()) {
                throw new IllegalStateException("no Payara Micro jar at " + microJar + " (run through mvn -Pbench verify)");
            }
            // A root dir left from an earlier run would redeploy its old copy of the WAR first.
            deleteTree(new File(work, "payara-root").toPath());
            File tmp = new File(work, "tmp");
            tmp.mkdirs();
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.addAll(List.of(jvmFlags.trim().split("\\s+")));
            if (!jfr.isBlank()) {
                cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
            }
            cmd.add("-Djava.io.tmpdir=" + tmp);
            cmd.addAll(List.of("-jar", microJar.getAbsolutePath()));
            if (war != null) { // none: an empty Payara Micro, the baseline of the memory figures
                cmd.addAll(List.of("--deploy", war.getAbsolutePath()));
            }
            cmd.addAll(List.of("--port", String.valueOf(port), "--nocluster", "--postbootcommandfile", postboot.getAbsolutePath(),
                    "--rootdir", new File(work, "payara-root").getAbsolutePath()));
            File log = new File(work, "payara.log");
            System.out.println("Payara Micro: " + String.join(" ", cmd) + "  (log: " + log + ")");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log)).start();
            Payara payara = new Payara(p, log.toPath());
            Runtime.getRuntime().addShutdownHook(new Thread(payara::stop));
            return payara;
        }

        private static void deleteTree(Path root) throws IOException {
            if (!Files.exists(root)) {
                return;
            }
            try (var paths = Files.walk(root)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }

        long pid() {
            return process.pid();
        }

        double startupSeconds() {
            return (readyAt - started) / 1e9;
        }

        /** Waits for Payara's "ready in" line, within {@code limitNanos}. */
        void awaitStarted(long limitNanos) throws InterruptedException, IOException {
            long deadline = System.nanoTime() + limitNanos;
            while (!Files.readString(log, StandardCharsets.ISO_8859_1).contains(" ready in ")) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + "; see its log");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Payara Micro not ready within the limit; see its log");
                }
                Thread.sleep(200); // another process's log file: nothing to wait on but the file
            }
            readyAt = System.nanoTime();
        }

        /** Polls the no-op endpoint until it answers, within {@code limitNanos}. */
        void awaitReady(LoadClient client, Requests requests, long limitNanos) throws InterruptedException, IOException {
            long deadline = System.nanoTime() + limitNanos;
            byte[] line = requests.line("/larkee/test/bench/noop");
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + "; see its log");
                }
                // Payara logs "Payara Micro ... ready in N (ms)" once every deployment is done.
                if (!Files.readString(log, StandardCharsets.ISO_8859_1).contains(" ready in ")) {
                    Thread.sleep(500);
                    continue;
                }
                try (java.net.Socket probe = new java.net.Socket()) {
                    probe.connect(new InetSocketAddress("127.0.0.1", client.port()), 1000);
                } catch (IOException notListening) {
                    Thread.sleep(500);
                    continue;
                }
                try {
                    if (client.run("ready", line, requests.batch(1), EMPTY.getBytes(StandardCharsets.UTF_8),
                            TimeUnit.SECONDS.toNanos(5)).completed() == 1) {
                        readyAt = System.nanoTime();
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("Payara Micro not ready within the limit; see its log");
        }

        void stop() {
            if (!process.isAlive()) {
                return;
            }
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
