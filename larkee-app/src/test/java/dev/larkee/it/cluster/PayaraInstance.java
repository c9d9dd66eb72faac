package dev.larkee.it.cluster;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One Payara Micro process of the cluster test, started and stopped like an operator would: its own
 * root directory, loopback-only data grid, SIGTERM to stop. Its output is kept (bounded) for the
 * test's assertions and failure messages, and in {@code <root>/server.log} (every start appended).
 */
final class PayaraInstance {

    private static final int MAX_LINES = 20_000;

    final String name;
    final int httpPort;
    private final List<String> command;
    private final java.util.Map<String, String> environment;
    private final File root;
    private final List<String> log = new ArrayList<>();
    private Process process;
    private CountDownLatch ready;

    PayaraInstance(String name, int httpPort, List<String> command, java.util.Map<String, String> environment, File root) {
        this.name = name;
        this.httpPort = httpPort;
        this.command = command;
        this.environment = environment;
        this.root = root;
    }

    /**
     * Starts the process from a fresh Payara root (a reused one would deploy the WAR twice: once
     * from the old domain, once from {@code --deploy}); {@link #awaitReady} waits for Payara's "ready" line.
     */
    void start() throws IOException {
        ready = new CountDownLatch(1);
        File payaraRoot = new File(root, "root");
        if (payaraRoot.exists()) {
            try (java.util.stream.Stream<java.nio.file.Path> old = java.nio.file.Files.walk(payaraRoot.toPath())) {
                old.sorted(java.util.Comparator.reverseOrder()).map(java.nio.file.Path::toFile).forEach(File::delete);
            }
        }
        root.mkdirs();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(root);
        builder.environment().putAll(environment);
        process = builder.start();
        CountDownLatch started = ready;
        Process p = process;
        Thread reader = new Thread(() -> read(p, started), "payara-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    boolean awaitReady(long seconds) throws InterruptedException {
        return ready.await(seconds, TimeUnit.SECONDS) && process.isAlive();
    }

    /** SIGTERM, then waits for the exit; a process still there after {@code seconds} is killed. */
    void stop(long seconds) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Whether a line of its output matches. */
    boolean logged(Predicate<String> line) {
        synchronized (log) {
            return log.stream().anyMatch(line);
        }
    }

    /** The last {@code chars} characters of its output, for failure messages. */
    String tail(int chars) {
        String all;
        synchronized (log) {
            all = String.join("\n", log);
        }
        return all.substring(Math.max(0, all.length() - chars));
    }

    private void read(Process p, CountDownLatch started) {
        File logFile = new File(root, "server.log");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                java.io.Writer out = new java.io.FileWriter(logFile, StandardCharsets.UTF_8, true)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(line);
                out.write('\n');
                synchronized (log) {
                    if (log.size() >= MAX_LINES) {
                        log.remove(0);
                    }
                    log.add(line);
                }
                if (line.contains("Payara Micro") && line.contains("ready in")) {
                    started.countDown();
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            started.countDown();
        }
    }
}
