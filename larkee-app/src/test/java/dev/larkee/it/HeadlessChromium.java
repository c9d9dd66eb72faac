package dev.larkee.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real headless Chromium (Debian's {@code chromium}) driven over the DevTools protocol with the
 * JDK's own WebSocket client: navigate, evaluate JavaScript (promises awaited), take screenshots.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path BINARY = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    public HeadlessChromium() throws IOException, InterruptedException {
        profile = Files.createTempDirectory("larkee-chromium");
        process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--window-size=1280,1000", "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        // Chromium writes the port file once DevTools listens; nothing to wait on but the file itself.
        while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                close();
                throw new IOException("chromium did not start DevTools; see " + profile.resolve("chromium.log"));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        String port = Files.readAllLines(portFile).get(0).trim();
        HttpClient http = HttpClient.newHttpClient();
        String created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/new?about:blank"))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
        String wsUrl = Json.createReader(new StringReader(created)).readObject().getString("webSocketDebuggerUrl");
        socket = http.newWebSocketBuilder().buildAsync(URI.create(wsUrl), new Listener()).join();
    }

    /** Loads {@code url} and waits for the document to finish loading. */
    public void navigate(String url) {
        command("Page.navigate", Json.createObjectBuilder().add("url", url).build());
        evaluate("new Promise(r => { if (document.readyState === 'complete') r(true); "
                + "else addEventListener('load', () => r(true)); })");
    }

    /** Evaluates {@code expression} in the page (awaiting a promise) and returns its value as JSON. */
    public JsonValue evaluate(String expression) {
        JsonObject result = command("Runtime.evaluate", Json.createObjectBuilder().add("expression", expression)
                .add("awaitPromise", true).add("returnByValue", true).build());
        if (result.containsKey("exceptionDetails")) {
            throw new IllegalStateException("page script failed: " + result.getJsonObject("exceptionDetails"));
        }
        JsonObject value = result.getJsonObject("result");
        return value.containsKey("value") ? value.get("value") : JsonValue.NULL;
    }

    /** Saves a PNG of the page. */
    public void screenshot(Path png) throws IOException {
        JsonObject r = command("Page.captureScreenshot", Json.createObjectBuilder().add("format", "png").build());
        Files.write(png, Base64.getDecoder().decode(r.getString("data")));
    }

    private JsonObject command(String method, JsonObject params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(Json.createObjectBuilder().add("id", id).add("method", method).add("params", params).build()
                .toString(), true).join();
        try {
            JsonObject message = reply.get(30, TimeUnit.SECONDS);
            if (message.containsKey("error")) {
                throw new IllegalStateException(method + " failed: " + message.getJsonObject("error"));
            }
            return message.getJsonObject("result");
        } catch (Exception e) {
            throw new IllegalStateException(method + " got no answer", e);
        } finally {
            pending.remove(id);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonObject message = Json.createReader(new StringReader(text.toString())).readObject();
                text.setLength(0);
                if (message.containsKey("id")) {
                    CompletableFuture<JsonObject> f = pending.get(message.getInt("id"));
                    if (f != null) {
                        f.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        // Chromium forks helpers (zygote, crashpad) that outlive the browser process and keep writing
        // into the profile; stop the whole tree before removing it.
        var helpers = process.descendants().toList();
        process.destroy();
        helpers.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle helper : helpers) {
                try {
                    helper.onExit().get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    helper.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            deleteProfile();
        } catch (IOException e) {
            // Cleanup of a temp profile must never fail the test that used the browser.
            System.err.println("could not remove " + profile + ": " + e);
        }
    }

    /** Best effort: a file that vanishes while we walk is what we wanted anyway. */
    private void deleteProfile() throws IOException {
        Files.walkFileTree(profile, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs)
                    throws IOException {
                Files.deleteIfExists(file);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof java.nio.file.NoSuchFileException) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public java.nio.file.FileVisitResult postVisitDirectory(Path dir, IOException e) {
                // A helper that was still writing may have left a file behind; leave the directory then.
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException notEmpty) {
                    System.err.println("left " + dir + " behind: " + notEmpty.getMessage());
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
    }
}
