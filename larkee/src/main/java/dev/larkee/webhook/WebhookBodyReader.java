package dev.larkee.webhook;

import dev.larkee.LarkeePaths;
import dev.larkee.configuration.LarkeeConfiguration;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads a webhook body before the webhook resource sees it, without holding a request thread while
 * the bytes trickle in: the read is non-blocking (Servlet {@link ReadListener}) and must finish
 * within {@code larkee.webhook.body-timeout-ms}, so slow or stalled senders cost a connection, never a
 * thread. The whole body then goes to {@link WebhookResource} in an async dispatch. It also refuses,
 * with the webhook's JSON, what would otherwise reach the container's own error pages: other methods
 * than POST, repeated or malformed Content-Type headers, a Content-Encoding, a body over the limit.
 */
public class WebhookBodyReader extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(WebhookBodyReader.class.getName());

    /** The request attribute holding the body read here: a {@code byte[]}. */
    static final String BODY = WebhookBodyReader.class.getName() + ".body";
    /** The path the webhook URLs start with inside the WAR ({@code /api/webhook/}); derived in {@link #init} from {@link LarkeePaths}. */
    private String prefix;
    private static final String CANONICAL_TYPE = "application/json; charset=utf-8";

    @Inject
    LarkeeConfiguration configuration;

    /** Requests whose body is read on their own thread (see {@link #readOnThisThread}). */
    static final int BLOCKING_READS = 32;
    /** The most bytes read and dropped after refusing a request read on its own thread. */
    static final long DISCARD_LIMIT = 64L << 20;

    @Inject
    WebhookRefusals refusals;

    @Override
    public void init() throws ServletException {
        prefix = LarkeePaths.apiPath(getServletContext()) + "/webhook/";
    }

    private final Semaphore blockingReads = new Semaphore(BLOCKING_READS);

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            if (request.getAttribute(BODY) instanceof byte[]) {
                // The body is read: on to JAX-RS.
                chain.doFilter(new CanonicalContentType(request), new ClientGoneResponse(response));
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        if (!configuration.webhookEnabled() || !isEndpoint(request)) {
            chain.doFilter(request, response); // the resource answers: webhook off, or no such URL
            return;
        }
        boolean blocking = request.getHeader("Upgrade") != null || !request.getProtocol().startsWith("HTTP/1");
        if (refusedForHeaders(request, response)) {
            if (blocking) {
                discardRest(request);
            }
            return;
        }
        if (blocking) {
            readOnThisThread(request, response, chain);
            return;
        }
        if (readIfAllThere(request, response, chain)) {
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(configuration.bodyTimeoutMs());
        BodyListener listener = new BodyListener(request, async, configuration.maxBodyBytes(), length(request));
        async.addListener(listener);
        request.getInputStream().setReadListener(listener);
    }

    /**
     * A request that asks for a protocol upgrade (Java's HttpClient asks for {@code h2c} on its first
     * request), or that came over HTTP/2: Grizzly's upgrade breaks when such a request is answered
     * asynchronously, and its HTTP/2 streams sometimes never signal the end of a body read without
     * blocking. So these bodies are read here, blocking, by at most {@value #BLOCKING_READS} requests
     * at a time; past that a 503. The platform sends neither (HTTP/1.1, no Upgrade), and nobody can
     * hold more than those threads by sending them slowly.
     */
    private void readOnThisThread(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!blockingReads.tryAcquire()) {
            refuse(request, response, 503, "busy", "too many HTTP/2 or Upgrade requests are being read");
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readNBytes(configuration.maxBodyBytes() + 1);
        } catch (IOException e) {
            refuse(request, response, 400, "body", "request body could not be read");
            return;
        } finally {
            blockingReads.release();
        }
        if (body.length > configuration.maxBodyBytes()) {
            refuse(request, response, 413, "size", "body is larger than " + configuration.maxBodyBytes() + " bytes");
            discardRest(request);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared >= 0 && body.length != declared) {
            refuse(request, response, 400, "body", "the connection ended before the body did");
            return;
        }
        request.setAttribute(BODY, body);
        chain.doFilter(new CanonicalContentType(request), new ClientGoneResponse(response));
    }

    /**
     * The common case, taken on this thread: the platform sends the whole body with the headers, so
     * the container has all of it buffered already and reading it cannot block. Only a body that is
     * not all there yet goes through the non-blocking read and an async dispatch (which costs a
     * hand-off to another thread pool per request).
     */
    private boolean readIfAllThere(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long declared = request.getContentLengthLong();
        if (declared < 0 || declared > configuration.maxBodyBytes()) {
            return false;
        }
        ServletInputStream in = request.getInputStream();
        if (in.available() < declared) {
            return false;
        }
        byte[] body = in.readNBytes((int) declared);
        if (body.length != declared) {
            refuse(request, response, 400, "body", "the connection ended before the body did");
            return true;
        }
        request.setAttribute(BODY, body);
        chain.doFilter(new CanonicalContentType(request), new ClientGoneResponse(response));
        return true;
    }

    /**
     * After refusing an HTTP/2 (or upgrading) request: reads and drops what is left of its body, up to
     * {@value #DISCARD_LIMIT} bytes. Grizzly's HTTP/2 stream does not reset itself, and a client
     * waiting for its flow-control window to send the rest would never see the answer.
     */
    private static void discardRest(HttpServletRequest request) {
        try {
            byte[] sink = new byte[8192];
            long left = DISCARD_LIMIT;
            int n;
            while (left > 0 && (n = request.getInputStream().read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "larkee: could not discard a refused request's body: " + e);
        }
    }

    private static long length(HttpServletRequest request) {
        return request.getContentLengthLong();
    }

    private boolean isEndpoint(HttpServletRequest request) {
        // Decoded and normalised by the container (so %65vent or /./ cannot slip past), path
        // parameters (;x=y) removed: the same path JAX-RS matches.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!path.startsWith(prefix)) {
            return false;
        }
        String segment = path.substring(prefix.length());
        int parameters = segment.indexOf(';');
        if (parameters >= 0) {
            segment = segment.substring(0, parameters);
        }
        return segment.equals(configuration.eventPath()) || segment.equals(configuration.cardPath());
    }

    /** Refuses (and answers) a request whose method or headers are wrong; false when they are fine. */
    private boolean refusedForHeaders(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            return refused(request, response, 405, "method", "only POST is accepted here");
        }
        List<String> types = Collections.list(request.getHeaders("Content-Type"));
        if (types.size() > 1) {
            return refused(request, response, 400, "content-type", "more than one Content-Type header");
        }
        if (!types.isEmpty() && !isJsonUtf8(types.get(0))) {
            return refused(request, response, 415, "content-type", "Content-Type must be application/json (UTF-8)");
        }
        List<String> encodings = Collections.list(request.getHeaders("Content-Encoding"));
        if (encodings.stream().anyMatch(e -> !e.trim().equalsIgnoreCase("identity"))) {
            return refused(request, response, 415, "content-encoding", "no Content-Encoding is accepted (send the body as is)");
        }
        long length = request.getContentLengthLong();
        if (length > configuration.maxBodyBytes()) {
            return refused(request, response, 413, "size", "body is larger than " + configuration.maxBodyBytes() + " bytes");
        }
        return false;
    }

    /**
     * {@code application/json}, optionally with parameters; a charset, when given, is UTF-8. Strict,
     * so that nothing JAX-RS would fail to parse later gets through (it then answers with HTML).
     */
    static boolean isJsonUtf8(String contentType) {
        String[] parts = contentType.split(";", -1);
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.isEmpty() && i == parts.length - 1) {
                continue; // "application/json;" is seen in the wild
            }
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1 || !p.substring(0, eq).trim().chars().allMatch(WebhookBodyReader::isToken)) {
                return false;
            }
            String name = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (!value.chars().allMatch(WebhookBodyReader::isToken)) {
                return false;
            }
            if (name.equals("charset") && !value.equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isToken(int c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    private boolean refused(HttpServletRequest request, HttpServletResponse response, int status, String check,
            String message) throws IOException {
        refuse(request, response, status, check, message);
        return true;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String check,
            String message) throws IOException {
        refusals.refused(Level.INFO, check, () -> "larkee: webhook refused request "
                + RequestRef.of(request) + " with " + status + " (" + check + "): " + message);
        byte[] body = WebhookResponses.JSON.createObjectBuilder().add("msg", message).add("check", check).build().toString()
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(CANONICAL_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Collects the body as it arrives; exactly one of dispatch, refusal or abandon ends it. */
    private final class BodyListener implements ReadListener, AsyncListener {
        private final HttpServletRequest request;
        private final AsyncContext async;
        private final int max;
        private final long declared;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
        private final byte[] chunk = new byte[8192];
        private final AtomicBoolean ended = new AtomicBoolean();

        BodyListener(HttpServletRequest request, AsyncContext async, int max, long declared) {
            this.request = request;
            this.async = async;
            this.max = max;
            this.declared = declared;
        }

        @Override
        public void onDataAvailable() throws IOException {
            if (drain()) {
                // Payara does not always call onAllDataRead once the last bytes were read here.
                onAllDataRead();
            }
        }

        @Override
        public void onAllDataRead() {
            // No read here: asking isReady() now would leave a read handler registered on the
            // connection, and Grizzly refuses the next request on it ("Illegal attempt to register").
            if (ended.get()) {
                return;
            }
            if (declared >= 0 && body.size() != declared) {
                // Grizzly also reports a connection closed mid-body as the end of the data.
                end(400, "body", "the connection ended before the body did");
                return;
            }
            if (ended.compareAndSet(false, true)) {
                request.setAttribute(BODY, body.toByteArray());
                // A body that came in pieces went through a ReadListener: the connection is not kept
                // for another request, whatever state the container's non-blocking read left on it.
                // (Rare: the platform sends its small bodies with the headers, which the fast path takes.)
                ((HttpServletResponse) async.getResponse()).setHeader("Connection", "close");
                async.dispatch();
            }
        }

        /**
         * Reads what can be read without blocking; true once the end of the body was read. Payara's
         * {@code isFinished()} says true before a byte is read, so the end is the read that returns -1.
         */
        private synchronized boolean drain() throws IOException {
            ServletInputStream in = request.getInputStream();
            while (!ended.get() && in.isReady()) {
                int n = in.read(chunk);
                if (n < 0) {
                    return true;
                }
                if (body.size() + n > max) {
                    end(413, "size", "body is larger than " + max + " bytes");
                    return false;
                }
                body.write(chunk, 0, n);
                if (declared >= 0 && body.size() == declared) {
                    // All of it: no further isReady(), which on Grizzly would arm a read handler on
                    // the connection that its next request then trips over.
                    return true;
                }
            }
            return false;
        }

        @Override
        public void onError(Throwable failure) {
            // Mostly a client that went away mid-body: nobody to answer, nothing worth a stack trace.
            end(400, "body", "request body could not be read");
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            end(408, "body", "request body not received within " + configuration.bodyTimeoutMs() + " ms");
        }

        @Override
        public void onError(AsyncEvent event) {
            end(400, "body", "request body could not be read");
        }

        @Override
        public void onComplete(AsyncEvent event) {
            ended.set(true);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // the JAX-RS resource's own async cycle, after the dispatch: nothing to do
        }

        private void end(int status, String check, String message) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            try {
                HttpServletResponse response = (HttpServletResponse) async.getResponse();
                // What is left of this body is not wanted: the connection goes, not its next request.
                response.setHeader("Connection", "close");
                refuse(request, response, status, check, message);
                response.flushBuffer();
                UndertowConnections.close(request);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "larkee: could not answer a refused webhook request (client gone?)", e);
            } finally {
                try {
                    async.complete();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "larkee: could not complete a refused webhook request", e);
                }
            }
        }
    }

    /** The request with its (already checked) Content-Type spelled one way, so JAX-RS parses it without fuss. */
    private static final class CanonicalContentType extends HttpServletRequestWrapper {
        CanonicalContentType(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getContentType() {
            return CANONICAL_TYPE;
        }

        @Override
        public String getHeader(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? CANONICAL_TYPE : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? Collections.enumeration(List.of(CANONICAL_TYPE))
                    : super.getHeaders(name);
        }
    }
}
