package dev.larkee.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A small HTTP/1.1 load generator: one thread, one selector, N keep-alive connections to
 * 127.0.0.1, one request in flight per connection (no pipelining). It sends a fixed list of
 * requests at most once each, stops at the count or the time limit, checks every response (status
 * 200 and an exact body) and records each latency. Reconnects when the server closes a connection
 * (Payara closes a keep-alive connection after {@code max-connections} requests).
 */
final class LoadClient {

    /** What one phase measured. Latencies are of the successful requests, in nanoseconds, sorted. */
    record Result(String endpoint, int completed, int errors, long wallNanos, long[] latencies,
            long clientCpuNanos, int connects, String firstError) {

        double perSecond() {
            return completed * 1e9 / wallNanos;
        }

        long percentile(double p) {
            if (latencies.length == 0) {
                return -1;
            }
            int i = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, i))];
        }
    }

    private static final byte[] CRLFCRLF = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress address;
    private final int connections;

    LoadClient(InetSocketAddress address, int connections) {
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the benchmark only loads 127.0.0.1");
        }
        this.address = address;
        this.connections = connections;
    }

    int port() {
        return address.getPort();
    }

    /**
     * Sends {@code requestLine} + {@code rest.get(i)} for every i, at most once each, within
     * {@code timeLimitNanos}.
     */
    Result run(String endpoint, byte[] requestLine, List<byte[]> rest, byte[] expectedBody, long timeLimitNanos)
            throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        Phase phase = new Phase(requestLine, rest, expectedBody);
        try (Selector selector = Selector.open()) {
            Conn[] conns = new Conn[Math.min(connections, rest.size())];
            for (int i = 0; i < conns.length; i++) {
                conns[i] = new Conn(phase);
                conns[i].connect(selector, address);
            }
            long start = System.nanoTime();
            long deadline = start + timeLimitNanos;
            long lastDone = start;
            while (phase.finished() < rest.size() && System.nanoTime() < deadline) {
                if (selector.select(100) == 0) {
                    continue;
                }
                var it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    Conn c = (Conn) key.attachment();
                    try {
                        if (c.step(key, selector, address)) {
                            lastDone = System.nanoTime();
                        }
                    } catch (IOException e) {
                        phase.fail(c.current, "I/O: " + e.getMessage());
                        c.reconnect(selector, address);
                    }
                }
            }
            for (Conn c : conns) {
                c.close();
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long[] lat = Arrays.stream(phase.latencies).filter(l -> l >= 0).sorted().toArray();
            return new Result(endpoint, lat.length, phase.errors, Math.max(1, lastDone - start), lat, cpu,
                    phase.connects, phase.firstError);
        }
    }

    /** Requests of one phase, handed out in order, and what came back. */
    private static final class Phase {
        final byte[] requestLine;
        final List<byte[]> rest;
        final byte[] expected;
        final long[] latencies;
        int next;
        int done;
        int errors;
        int connects;
        String firstError;

        Phase(byte[] requestLine, List<byte[]> rest, byte[] expected) {
            this.requestLine = requestLine;
            this.rest = rest;
            this.expected = expected;
            this.latencies = new long[rest.size()];
            Arrays.fill(latencies, -1);
        }

        int take() {
            return next < rest.size() ? next++ : -1;
        }

        int finished() {
            return done;
        }

        void ok(int i, long nanos) {
            latencies[i] = nanos;
            done++;
        }

        void fail(int i, String why) {
            if (i < 0) {
                return;
            }
            errors++;
            done++;
            if (firstError == null) {
                firstError = why;
            }
        }
    }

    /** One keep-alive connection with at most one request in flight. */
    private static final class Conn {
        final Phase phase;
        SocketChannel channel;
        final ByteBuffer[] out = new ByteBuffer[2];
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        int current = -1;
        long sentAt;

        Conn(Phase phase) {
            this.phase = phase;
        }

        void connect(Selector selector, InetSocketAddress address) throws IOException {
            channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            phase.connects++;
            in.clear();
            if (channel.connect(address)) {
                channel.register(selector, 0, this);
                startNext(selector);
            } else {
                channel.register(selector, SelectionKey.OP_CONNECT, this);
            }
        }

        void reconnect(Selector selector, InetSocketAddress address) throws IOException {
            close();
            current = -1;
            connect(selector, address);
        }

        void close() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        private void startNext(Selector selector) throws IOException {
            current = phase.take();
            SelectionKey key = channel.keyFor(selector);
            if (current < 0) {
                key.interestOps(0);
                return;
            }
            out[0] = ByteBuffer.wrap(phase.requestLine);
            out[1] = ByteBuffer.wrap(phase.rest.get(current));
            sentAt = System.nanoTime();
            channel.write(out);
            key.interestOps(out[1].hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        /** Handles readiness; true when a request completed. */
        boolean step(SelectionKey key, Selector selector, InetSocketAddress address) throws IOException {
            if (key.isConnectable()) {
                channel.finishConnect();
                startNext(selector);
                return false;
            }
            if (key.isWritable()) {
                channel.write(out);
                if (!out[1].hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
                return false;
            }
            if (!key.isReadable()) {
                return false;
            }
            if (!in.hasRemaining()) {
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
            int n = channel.read(in);
            if (n < 0) {
                phase.fail(current, "connection closed by the server mid-request");
                reconnect(selector, address);
                return false;
            }
            Parsed p = parse(in.array(), in.position());
            if (p == null) {
                return false;
            }
            long nanos = System.nanoTime() - sentAt;
            if (p.status == 200 && Arrays.equals(p.body, phase.expected)) {
                phase.ok(current, nanos);
            } else {
                phase.fail(current, "HTTP " + p.status + " " + new String(p.body, StandardCharsets.UTF_8));
            }
            in.clear();
            if (p.close) {
                reconnect(selector, address);
            } else {
                startNext(selector);
            }
            return true;
        }
    }

    private record Parsed(int status, byte[] body, boolean close) {
    }

    /** A complete response in {@code b[0..len)}, or null when more bytes are needed. */
    static Parsed parse(byte[] b, int len) {
        int headerEnd = indexOf(b, len, CRLFCRLF, 0);
        if (headerEnd < 0) {
            return null;
        }
        String head = new String(b, 0, headerEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        int contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                contentLength = Integer.parseInt(value);
            } else if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                close = true;
            }
        }
        int bodyStart = headerEnd + 4;
        if (chunked) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            int pos = bodyStart;
            while (true) {
                int lineEnd = indexOf(b, len, CRLFCRLF, pos, 2);
                if (lineEnd < 0) {
                    return null;
                }
                String sizeText = new String(b, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
                int semi = sizeText.indexOf(';');
                int size = Integer.parseInt((semi < 0 ? sizeText : sizeText.substring(0, semi)).trim(), 16);
                pos = lineEnd + 2;
                if (size == 0) {
                    return len >= pos + 2 ? new Parsed(status, body.toByteArray(), close) : null;
                }
                if (len < pos + size + 2) {
                    return null;
                }
                body.write(b, pos, size);
                pos += size + 2;
            }
        }
        int length = Math.max(contentLength, 0);
        if (len < bodyStart + length) {
            return null;
        }
        return new Parsed(status, Arrays.copyOfRange(b, bodyStart, bodyStart + length), close);
    }

    private static int indexOf(byte[] b, int len, byte[] needle, int from) {
        return indexOf(b, len, needle, from, needle.length);
    }

    /** Index of the first {@code n} bytes of {@code needle} in {@code b[from..len)}, or -1. */
    private static int indexOf(byte[] b, int len, byte[] needle, int from, int n) {
        outer:
        for (int i = from; i <= len - n; i++) {
            for (int j = 0; j < n; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
