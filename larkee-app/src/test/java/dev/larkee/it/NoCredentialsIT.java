package dev.larkee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.Test;

/**
 * Fail closed: the production WAR deployed with no credential and without
 * {@code larkee.simulator.enabled} (a misspelled environment variable is enough) must not start, and
 * the log must say which keys are missing and how to run the simulator instead. Run on its own Payara
 * Micro process, not through Arquillian, whose connector neither reports a failed deployment nor
 * hands the test the server's log.
 */
class NoCredentialsIT {

    private static final int PORT = Integer.getInteger("it.refused.port", 18095);

    @Test
    void theDeploymentIsRefusedNamingTheMissingKeys() throws Exception {
        File work = new File("target/no-credentials").getAbsoluteFile();
        // A fresh root each time, as in CI: nothing of an earlier (killed) run's domain is reused.
        if (work.exists()) {
            try (java.util.stream.Stream<java.nio.file.Path> old = java.nio.file.Files.walk(work.toPath())) {
                old.sorted(java.util.Comparator.reverseOrder()).map(java.nio.file.Path::toFile).forEach(File::delete);
            }
        }
        work.mkdirs();
        File war = new File(work, "larkee.war");
        Deployments.larkee(Map.of()).as(ZipExporter.class).exportTo(war, true);

        Process payara = new ProcessBuilder("java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + work, "-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--deploy", war.getPath(), "--port", Integer.toString(PORT), "--nocluster",
                "--rootdir", new File(work, "root").getPath())
                .redirectErrorStream(true).start();
        List<String> log = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> read(payara, log, ready), "payara-log");
        reader.setDaemon(true);
        reader.start();
        try {
            boolean started = ready.await(180, TimeUnit.SECONDS);
            String output;
            synchronized (log) {
                output = String.join("\n", log);
            }
            String tail = output.substring(Math.max(0, output.length() - 4000));
            assertTrue(started, () -> "Payara Micro did not say it is ready within 180 s; its output ended with:\n" + tail);
            assertTrue(output.contains("larkee configuration: larkee.app-id no app credentials are configured"), output);
            assertTrue(output.contains("larkee.verification-token") && output.contains("larkee.simulator.enabled=true"),
                    "the message says how to fix it: " + output);
            assertFalse(output.contains("Loading application [larkee]"), "the application was not loaded");

            HttpResponse<String> webhook = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + PORT + "/larkee/api/webhook/event"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, webhook.statusCode(), "nothing served: " + webhook.body());
        } finally {
            payara.destroy();
            if (!payara.waitFor(30, TimeUnit.SECONDS)) {
                payara.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void read(Process payara, List<String> log, CountDownLatch ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(payara.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (log) {
                    log.add(line);
                }
                if (line.contains("Payara Micro") && line.contains("ready in")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // The process ended: the assertions say what was missing.
        } finally {
            ready.countDown();
        }
    }
}
