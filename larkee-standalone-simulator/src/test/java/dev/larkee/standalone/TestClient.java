package dev.larkee.standalone;

import dev.larkee.longconnection.Frame;
import dev.larkee.longconnection.FrameCodec;
import dev.larkee.longconnection.FrameException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal larkee stand-in on the JDK's WebSocket: bootstraps, dials the URL, and answers data
 * frames according to its {@link Mode}. Everything it receives is queued for the test to poll.
 */
final class TestClient implements AutoCloseable {

    enum Mode {
        /** Acknowledges each data frame with code 200 and the reply. */
        ACK,
        /** Acknowledges each data frame twice. */
        ACK_TWICE,
        /** Never acknowledges. */
        SILENT,
        /** Closes the socket (1000) on the first data frame, without an ack. */
        CLOSE_ON_DATA
    }

    static final String REPLY = "{\"toast\":{\"type\":\"success\",\"content\":\"ok\"}}";

    private final Mode mode;
    final URI url;
    final String deviceId;
    final int serviceId;
    final BlockingQueue<Frame> data = new LinkedBlockingQueue<>();
    final BlockingQueue<Frame> pongs = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null); // JDK WebSocket: one send at a time

    private TestClient(HttpClient http, URI url, Mode mode) {
        this.mode = mode;
        this.url = url;
        String query = url.getQuery();
        this.deviceId = param(query, "device_id");
        this.serviceId = Integer.parseInt(param(query, "service_id"));
        this.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(url, new Listener()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Bootstraps with {@code appId}/{@code secret} and connects. */
    static TestClient connect(HttpClient http, String base, String appId, String secret, Mode mode) throws Exception {
        JsonObject answer = bootstrap(http, base, appId, secret);
        if (answer.getInt("code") != 0) {
            throw new IllegalStateException("bootstrap refused: " + answer);
        }
        return new TestClient(http, URI.create(answer.getJsonObject("data").getString("URL")), mode);
    }

    /** Dials a URL as is (a forged or reused one, for refusal tests). */
    static TestClient dial(HttpClient http, URI url, Mode mode) {
        return new TestClient(http, url, mode);
    }

    /** The bootstrap's JSON answer; asserts HTTP 200 as the platform always answers. */
    static JsonObject bootstrap(HttpClient http, String base, String appId, String secret) throws Exception {
        String body = Json.createObjectBuilder().add("AppID", appId).add("AppSecret", secret).build().toString();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/callback/ws/endpoint"))
                .header("Content-Type", "application/json; charset=utf-8").header("locale", "zh")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("bootstrap answered HTTP " + r.statusCode());
        }
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    Frame nextData(Duration timeout) throws InterruptedException {
        return data.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends an application ping and returns the pong (null on timeout). */
    Frame ping(Duration timeout) throws InterruptedException {
        send(FrameCodec.encode(FrameCodec.ping(serviceId)));
        return pongs.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes with 1000 and waits (bounded) for the simulator's close reply, so it has seen the close. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "test done").get(2, TimeUnit.SECONDS);
                closeCode.get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // aborted below either way
            }
        }
        socket.abort();
    }

    private synchronized void send(byte[] bytes) {
        sending = sending.thenCompose(v -> socket.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    private void received(WebSocket ws, byte[] bytes) {
        Frame frame;
        try {
            frame = FrameCodec.decode(bytes);
        } catch (FrameException e) {
            throw new AssertionError("the simulator sent an invalid frame", e);
        }
        if (frame.method() == Frame.Method.CONTROL) {
            pongs.add(frame);
            return;
        }
        data.add(frame);
        switch (mode) {
            case ACK -> send(FrameCodec.encode(FrameCodec.ack(frame, 1, 200, REPLY)));
            case ACK_TWICE -> {
                send(FrameCodec.encode(FrameCodec.ack(frame, 1, 200, REPLY)));
                send(FrameCodec.encode(FrameCodec.ack(frame, 2, 200, REPLY)));
            }
            case SILENT -> { }
            case CLOSE_ON_DATA -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer chunk, boolean last) {
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            partial.writeBytes(bytes);
            if (last) {
                byte[] whole = partial.toByteArray();
                partial.reset();
                received(ws, whole);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }

    private static String param(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException("no " + name + " in the URL");
    }
}
