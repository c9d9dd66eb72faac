package dev.larkee.it;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR integration tests deploy: the real {@code target/larkee.war} that {@code mvn package}
 * built (so tests exercise what ships), plus the test's own configuration inline and its own
 * observer classes. Run the ITs through Maven ({@code mvn verify}), which packages first.
 */
public final class Deployments {

    private static final File WAR = new File("target/larkee.war");

    private Deployments() {
    }

    /** The production WAR with {@code config} as its microprofile-config.properties. */
    public static WebArchive larkee(Map<String, String> config) {
        if (!WAR.isFile()) {
            throw new IllegalStateException(WAR + " is missing: run the integration tests with 'mvn verify'");
        }
        awaitPreviousServerExit();
        String properties = config.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, WAR)
                .addClasses(TestApplication.class, ConsoleCalls.class)
                .addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties");
    }

    /**
     * Waits (at most 30 s) until the previous test class's Payara Micro has exited. The Arquillian
     * connector stops a server with {@code Process.destroy()} and does not wait; the next server
     * binds the same fixed port a few seconds later, and when the old one's shutdown takes longer
     * (a loaded machine, replies let finish on undeploy) the new one fails with "Address already
     * in use" and the whole class errors after 180 s.
     */
    private static void awaitPreviousServerExit() {
        List<ProcessHandle> servers = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("payara-micro")).toList();
        for (ProcessHandle server : servers) {
            try {
                server.onExit().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the previous Payara Micro (pid " + server.pid()
                        + ") still runs 30 s after it was stopped");
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the previous Payara Micro", e);
            }
        }
    }
}
