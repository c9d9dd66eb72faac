package dev.larkee.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    /** Output that opens a latch once the start line has been printed. */
    private static final class Console extends ByteArrayOutputStream {
        final CountDownLatch started = new CountDownLatch(1);

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            if (toString(StandardCharsets.UTF_8).contains("WebSocket port")) {
                started.countDown();
            }
        }

        String text() {
            return toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void loadModeWaitsForAClientPushesAndReportsWithoutPrintingTheSecret() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Console out = new Console();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        String[] args = {"--port", Integer.toString(port), "--app-id", "cli_0123456789abcdef", "--app-secret",
            "very-secret-value", "--load", "20", "--rate", "200", "--clients", "1", "--wait-clients", "10"};
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return SimulatorMain.run(args, print, print);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertTrue(out.started.await(10, TimeUnit.SECONDS), out.text());
        assertTrue(out.text().contains("http://127.0.0.1:" + port), out.text());
        try (TestClient client = TestClient.connect(HttpClient.newHttpClient(), "http://127.0.0.1:" + port,
                "cli_0123456789abcdef", "very-secret-value", TestClient.Mode.ACK)) {
            assertEquals(0, exit.get(20, TimeUnit.SECONDS), out.text());
        }

        assertTrue(out.text().contains("sent 20, acked 20, lost 0"), out.text());
        assertTrue(out.text().contains("acks/s") && out.text().contains("p99"), out.text());
        assertFalse(out.text().contains("very-secret-value"));
    }

    @Test
    void badArgumentsExitWithUsage() throws Exception {
        Console out = new Console();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(2, SimulatorMain.run(new String[] {"--bogus"}, print, print));
        assertEquals(2, SimulatorMain.run(new String[] {"--app-secret", "x", "--port", "many"}, print, print));
        assertEquals(2, SimulatorMain.run(new String[] {"--app-secret", "x", "--ping-interval", "0"}, print, print));
        assertEquals(0, SimulatorMain.run(new String[] {"--help"}, print, print));
        assertTrue(out.text().contains("usage:"));
    }
}
