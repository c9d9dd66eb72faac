package dev.larkee.standalone;

import dev.larkee.longconnection.ClientConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link StandaloneSimulator} as its own process: prints the base URL (larkee's
 * {@code larkee.domain}) and serves until stopped, or, with {@code --load N}, waits for clients,
 * pushes N synthetic card callbacks at a steady rate, prints a {@link LoadReport} and exits
 * (status 1 when any message was lost).
 */
public final class SimulatorMain {

    /** Read when {@code --app-secret} is absent, so the secret need not appear in the process list. */
    public static final String SECRET_VARIABLE = "LARKEE_SIMULATOR_APP_SECRET";

    private static final Set<String> WITH_VALUE = Set.of("port", "ws-port", "app-id", "app-secret", "load", "rate",
            "clients", "wait-clients", "redelivery-timeout-ms", "max-attempts", "ping-interval", "reconnect-interval",
            "reconnect-nonce", "verification-token", "stats-every");
    private static final Set<String> FLAGS = Set.of("help");

    /** The command line, as {@code --help} prints it. */
    static final String USAGE = String.join("\n",
            "usage: java -cp target/classes:$(cat target/classpath.txt) dev.larkee.standalone.SimulatorMain [options]",
            "  --app-id ID                 the app served (default cli_0123456789abcdef)",
            "  --app-secret SECRET         its secret; default: environment variable " + SECRET_VARIABLE,
            "  --port N                    bootstrap HTTP port on 127.0.0.1 (default 0: ephemeral)",
            "  --ws-port N                 WebSocket port on 127.0.0.1 (default 0: ephemeral)",
            "  --redelivery-timeout-ms N   re-deliver an unacknowledged push after N ms (default 3000)",
            "  --max-attempts N            transmissions before a push is lost (default 10)",
            "  --ping-interval S, --reconnect-interval S, --reconnect-nonce S   ClientConfig (default 5, 2, 0)",
            "  --stats-every S             print counters every S seconds while serving (default 10, 0: never)",
            "  --load N                    push N card.action.trigger callbacks, report and exit",
            "  --rate R                    pushes per second under --load (default 50)",
            "  --clients K                 connections to wait for before the load (default 1)",
            "  --wait-clients S            how long to wait for them (default 300)",
            "  --verification-token T      header.token of the pushed callbacks (default standalone-simulator)");

    private SimulatorMain() {
    }

    /** Runs the command line ({@code --help} describes it) and exits with its status. */
    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole program; returns the exit status (0 ok, 1 messages lost, 2 bad arguments). */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandLine cl;
        SimulatorOptions options;
        try {
            cl = new CommandLine(args, WITH_VALUE, FLAGS);
            if (cl.has("help")) {
                out.println(USAGE);
                return 0;
            }
            options = options(cl);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        StandaloneSimulator simulator = StandaloneSimulator.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "larkee-sim-shutdown"));
        out.println("larkee standalone simulator for app " + options.appId() + " at " + simulator.base()
                + " (set larkee.domain to it); WebSocket port " + simulator.webSocketPort());
        out.flush();
        try {
            return cl.has("load") ? load(cl, options, simulator, out) : serve(cl, simulator, out);
        } finally {
            simulator.close();
        }
    }

    private static SimulatorOptions options(CommandLine cl) {
        String secret = cl.string("app-secret", System.getenv(SECRET_VARIABLE));
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("no app secret: pass --app-secret or set " + SECRET_VARIABLE);
        }
        return SimulatorOptions.builder(cl.string("app-id", "cli_0123456789abcdef"), secret)
                .httpPort(cl.integer("port", 0))
                .webSocketPort(cl.integer("ws-port", 0))
                .redeliveryTimeout(Duration.ofMillis(cl.integer("redelivery-timeout-ms", 3000)))
                .maxAttempts(cl.integer("max-attempts", 10))
                .clientConfig(new ClientConfig(cl.integer("ping-interval", 5), -1, cl.integer("reconnect-interval", 2),
                        cl.integer("reconnect-nonce", 0)))
                .build();
    }

    /** Serves until the process is stopped; the shutdown hook closes the simulator. */
    private static int serve(CommandLine cl, StandaloneSimulator simulator, PrintStream out) throws InterruptedException {
        int every = cl.integer("stats-every", 10);
        CountDownLatch never = new CountDownLatch(1);
        SimulatorStats last = null;
        while (true) {
            if (every <= 0) {
                never.await();
            } else if (!never.await(every, TimeUnit.SECONDS)) {
                SimulatorStats now = simulator.stats();
                if (!now.equals(last)) {
                    out.println(now);
                    last = now;
                }
            }
        }
    }

    private static int load(CommandLine cl, SimulatorOptions options, StandaloneSimulator simulator, PrintStream out)
            throws InterruptedException {
        int count = cl.integer("load", 0);
        int clients = cl.integer("clients", 1);
        double rate = cl.decimal("rate", 50);
        out.println("waiting for " + clients + " connection(s)...");
        if (!simulator.awaitConnections(clients, Duration.ofSeconds(cl.integer("wait-clients", 300)))) {
            out.println("gave up: only " + simulator.connections().size() + " connection(s) opened");
            return 1;
        }
        out.println("pushing " + count + " card.action.trigger callbacks at " + rate + "/s to "
                + simulator.connections().size() + " connection(s)");
        // Every message's last chance: each of its attempts times out, plus slack for the last ack.
        Duration settle = options.redeliveryTimeout().multipliedBy(options.maxAttempts()).plusSeconds(5);
        LoadReport report = LoadRun.run(simulator, cl.string("verification-token", "standalone-simulator"), count,
                rate, settle);
        out.println(report.summary());
        return report.lost() == 0 ? 0 : 1;
    }
}
