package dev.larkee.bench;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 7: do slow observers hold fast callbacks back? The same fast load of encrypted, signed
 * {@code card.action.trigger} requests against larkee's webhook, first alone, then while a second
 * client keeps {@code bench.slow.concurrency} callbacks whose observer takes 2 s in flight. Prints
 * both p50/p99 and the difference (target: p99 within 10 ms). Not a test: run it with
 * {@code mvn -Pbench verify -Dbench.suite=slow-observers}. 127.0.0.1 only; every loop is bounded by a
 * request count and a time limit.
 */
public final class SlowObserverBenchmark {

    private static final String FAST = "{\"toast\":{\"type\":\"success\",\"content\":\"ok\"}}";
    private static final String SLOW = "{\"toast\":{\"type\":\"success\",\"content\":\"slow\"}}";

    public static void main(String[] args) throws Exception {
        if (!List.of(System.getProperty("bench.suite", "slow-observers").split(",")).contains("slow-observers")) {
            return;
        }
        int port = Integer.getInteger("bench.slow.port", 18491);
        int connections = Integer.getInteger("bench.connections", 32);
        int warmup = Integer.getInteger("bench.slow.warmup", 60_000);
        int rounds = Integer.getInteger("bench.slow.rounds", 3);
        int batch = Integer.getInteger("bench.batch", 20_000);
        int slowConcurrency = Integer.getInteger("bench.slow.concurrency", 24);
        long phaseLimit = TimeUnit.SECONDS.toNanos(Integer.getInteger("bench.phase-seconds", 20));
        String jvmFlags = System.getProperty("bench.payara.flags", "-Xmx256m -XX:+UseSerialGC");
        File microJar = new File(System.getProperty("payara.microJar", "target/payara-micro.jar"));
        File postboot = new File(System.getProperty("payara.postboot", "payara-config/post-boot-commands.asadmin"));
        File work = new File(System.getProperty("bench.dir", "target/bench"), "slow").getAbsoluteFile();

        HexFormat hex = HexFormat.of();
        String encryptKey = hex.formatHex(WebhookBenchmark.bytes(16));
        String token = "vt_" + hex.formatHex(WebhookBenchmark.bytes(12));
        Map<String, String> config = WebhookBenchmark.webhookOnly(encryptKey, token, port);
        File war = BenchWar.export(config, new File(work, "larkee.war"), false, SlowBenchObserver.class, NoopResource.class);

        WebhookBenchmark.Requests requests = new WebhookBenchmark.Requests(encryptKey, token, port);
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        LoadClient fast = new LoadClient(address, connections);
        byte[] line = requests.line("/larkee/api/webhook/event");
        WebhookBenchmark.Payara payara = WebhookBenchmark.Payara.start(microJar, war, postboot, port, jvmFlags, "", work);
        try {
            payara.awaitReady(fast, requests, TimeUnit.SECONDS.toNanos(120));
            System.out.printf(Locale.ROOT, "ready after %.1f s; warm-up %d fast requests%n", payara.startupSeconds(), warmup);
            for (int done = 0; done < warmup; done += batch) {
                LoadClient.Result r = fast.run("warm-up", line, requests.batch(batch), bytes(FAST), phaseLimit);
                System.out.printf(Locale.ROOT, "  warm-up %.0f/s%s%n", r.perSecond(), r.errors() > 0 ? " errors " + r.errors() : "");
            }

            List<LoadClient.Result> alone = new ArrayList<>();
            List<LoadClient.Result> beside = new ArrayList<>();
            AtomicLong slowDone = new AtomicLong();
            AtomicLong slowErrors = new AtomicLong();
            for (int round = 0; round < rounds; round++) {
                alone.add(fast.run("alone", line, requests.batch(batch), bytes(FAST), phaseLimit));

                // The slow client: slowConcurrency connections, each always waiting on a 2 s observer.
                AtomicBoolean stop = new AtomicBoolean();
                LoadClient slowClient = new LoadClient(address, slowConcurrency);
                CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> {
                    long until = System.nanoTime() + 2 * phaseLimit;
                    while (!stop.get() && System.nanoTime() < until) {
                        try {
                            LoadClient.Result r = slowClient.run("slow", line, requests.batch(slowConcurrency,
                                    "{\"slow\":true}"), bytes(SLOW), TimeUnit.SECONDS.toNanos(10));
                            slowDone.addAndGet(r.completed());
                            slowErrors.addAndGet(r.errors());
                        } catch (java.io.IOException e) {
                            slowErrors.incrementAndGet();
                        }
                    }
                });
                // Let the slow ones occupy their threads before the fast load starts.
                long settle = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                while (System.nanoTime() < settle) {
                    Thread.sleep(50); // a fixed head start for the slow client, not a wait for a condition
                }
                beside.add(fast.run("beside slow", line, requests.batch(batch), bytes(FAST), phaseLimit));
                stop.set(true);
                slow.get(30, TimeUnit.SECONDS);
                System.out.printf(Locale.ROOT, "  round %d: alone p99 %.2f ms, beside slow p99 %.2f ms%n", round + 1,
                        alone.get(round).percentile(99) / 1e6, beside.get(round).percentile(99) / 1e6);
            }
            LoadClient.Result a = merge("alone", alone);
            LoadClient.Result b = merge("beside slow", beside);
            System.out.println();
            System.out.printf(Locale.ROOT, "%-28s %9s %9s %9s %9s %7s%n", "fast callbacks", "requests", "req/s", "p50 ms", "p99 ms", "errors");
            for (LoadClient.Result r : List.of(a, b)) {
                System.out.printf(Locale.ROOT, "%-28s %9d %9.0f %9.2f %9.2f %7d%n", r.endpoint(), r.completed(), r.perSecond(),
                        r.percentile(50) / 1e6, r.percentile(99) / 1e6, r.errors());
            }
            double delta = (b.percentile(99) - a.percentile(99)) / 1e6;
            System.out.printf(Locale.ROOT, "slow callbacks answered beside them: %d (%d errors), %d in flight at a time, 2 s each%n",
                    slowDone.get(), slowErrors.get(), slowConcurrency);
            System.out.printf(Locale.ROOT, "p99 difference: %+.2f ms (target: within 10 ms) -> %s%n", delta,
                    delta <= 10 ? "met" : "MISSED");
        } finally {
            payara.stop();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static LoadClient.Result merge(String name, List<LoadClient.Result> rs) {
        int completed = 0;
        int errors = 0;
        long wall = 0;
        List<long[]> all = new ArrayList<>();
        for (LoadClient.Result r : rs) {
            completed += r.completed();
            errors += r.errors();
            wall += r.wallNanos();
            all.add(r.latencies());
        }
        long[] lat = all.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
        return new LoadClient.Result(name, completed, errors, wall, lat, 0, 0, null);
    }
}
