package dev.larkee.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A TCP proxy in front of the server that holds back a {@code 101 Switching Protocols} response
 * until bytes after it have arrived too (at most {@link #HOLD_MS}), then passes both on in one
 * write: the WebSocket frames a platform pushes the instant the socket opens then reach the client
 * in the same read as the handshake response, whatever the timing. Everything else passes as is.
 * Daemon threads; {@link #close()} stops accepting.
 */
final class CoalescingProxy implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CoalescingProxy.class.getName());
    static final int HOLD_MS = 3000;

    private final ServerSocket listener;
    private final int upstreamPort;
    /** 101 responses passed on together with bytes that followed them. */
    final AtomicInteger coalesced = new AtomicInteger();

    CoalescingProxy(int port, int upstreamPort) throws IOException {
        this.listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        daemon(this::accept, "coalescing-proxy-accept").start();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                daemon(() -> pump(client, server, false), "coalescing-proxy-up").start();
                daemon(() -> pump(server, client, true), "coalescing-proxy-down").start();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.fine(() -> "proxy: " + e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean coalesce101) {
        try (from; to; InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[64 << 10];
            boolean holding = coalesce101;
            ByteArrayOutputStream held = new ByteArrayOutputStream();
            long releaseAt = 0;
            int n;
            while (true) {
                if (holding && releaseAt != 0) {
                    from.setSoTimeout((int) Math.max(1, releaseAt - System.currentTimeMillis()));
                }
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    n = 0; // held long enough: release what there is
                }
                if (n < 0) {
                    out.write(held.toByteArray());
                    return;
                }
                if (!holding) {
                    out.write(buffer, 0, n);
                    out.flush();
                    continue;
                }
                held.write(buffer, 0, n);
                String text = held.toString(StandardCharsets.ISO_8859_1);
                int headerEnd = text.indexOf("\r\n\r\n");
                if (!text.startsWith("HTTP/1.1 101") && held.size() >= 12) {
                    holding = false; // not an upgrade response (bootstrap, refusal): pass on as is
                } else if (headerEnd >= 0 && releaseAt == 0) {
                    releaseAt = System.currentTimeMillis() + HOLD_MS;
                }
                boolean after = headerEnd >= 0 && held.size() > headerEnd + 4;
                if (!holding || after || n == 0 && releaseAt != 0) {
                    if (holding && after) {
                        coalesced.incrementAndGet();
                    }
                    holding = false;
                    from.setSoTimeout(0);
                    out.write(held.toByteArray()); // the 101 and what followed it, in one write
                    out.flush();
                    held.reset();
                }
            }
        } catch (IOException e) {
            LOG.fine(() -> "proxy: " + e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
