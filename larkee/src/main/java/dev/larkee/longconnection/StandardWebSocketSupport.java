package dev.larkee.longconnection;

import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standard WebSocket client (WildFly's Undertow) and its one quirk: a refused handshake reaches
 * the caller only as a message, {@code "Invalid response code 514"}, with the response's headers
 * dropped and the configurator's {@code afterResponse} never called. The status is read from that
 * message; the platform's {@code Handshake-*} headers, which decide whether a 514 is the fatal
 * connection limit, are read by repeating the upgrade once with the JDK's own WebSocket client, whose
 * {@link WebSocketHandshakeException} keeps the whole response.
 */
final class StandardWebSocketSupport implements WebSocketSupport {

    private static final Pattern REFUSED = Pattern.compile("Invalid response code (\\d{3})\\b");
    private static final int MAX_CAUSES = 8;

    private final WebSocketContainer container;
    private final Duration handshakeTimeout;
    /** Made on the first refusal, then kept: each JDK client has a selector thread of its own. */
    private volatile HttpClient probe;

    StandardWebSocketSupport(WebSocketContainer container, long handshakeTimeoutMs) {
        this.container = container;
        this.handshakeTimeout = Duration.ofMillis(handshakeTimeoutMs);
    }

    @Override
    public WebSocketContainer container() {
        return container;
    }

    @Override
    public OptionalInt refusedStatus(Throwable failure) {
        Throwable t = failure;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            Matcher m = t.getMessage() == null ? null : REFUSED.matcher(t.getMessage());
            if (m != null && m.find()) {
                return OptionalInt.of(Integer.parseInt(m.group(1)));
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public Map<String, List<String>> refusalHeaders(URI url) {
        try {
            WebSocket opened = probe().newWebSocketBuilder().connectTimeout(handshakeTimeout)
                    .buildAsync(url, new WebSocket.Listener() { })
                    .get(handshakeTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            // Admitted this time: nothing to classify; let the next attempt dial normally.
            opened.abort();
            return Map.of();
        } catch (ExecutionException | CompletionException e) {
            return e.getCause() instanceof WebSocketHandshakeException refused
                    ? refused.getResponse().headers().map() : Map.of();
        } catch (TimeoutException | IllegalArgumentException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    private HttpClient probe() {
        HttpClient c = probe;
        if (c == null) {
            synchronized (this) {
                if (probe == null) {
                    probe = HttpClient.newBuilder().connectTimeout(handshakeTimeout).build();
                }
                c = probe;
            }
        }
        return c;
    }

    @Override
    public void shutdown() {
        // the standard API has no shutdown; sessions are closed by their owners
    }
}
