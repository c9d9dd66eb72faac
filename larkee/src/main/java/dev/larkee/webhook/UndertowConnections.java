package dev.larkee.webhook;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Undertow (WildFly) quirk: once an async request completes, Undertow drains what is left of its
 * body, blocking a worker thread until the sender delivers it or hangs up
 * ({@code AsyncContextImpl.onAsyncCompleteAndRespond} → {@code HttpServletRequestImpl.closeAndDrainRequest}).
 * A sender that stalls its body would so hold one of the server's few workers (32 on 2 cores) long
 * after its 408, and 32 of them would stop the server. When larkee refuses a body that has not all
 * arrived, it closes the connection once the answer is flushed, and the drain ends at once. Reflection
 * only, on public Undertow API; on every other server (Payara's Grizzly) this does nothing.
 */
final class UndertowConnections {

    private static final Logger LOG = Logger.getLogger(UndertowConnections.class.getName());
    private static final String UNDERTOW_REQUEST = "io.undertow.servlet.spec.HttpServletRequestImpl";

    private UndertowConnections() {
    }

    /** Closes {@code request}'s connection when Undertow serves it; true when it did. */
    static boolean close(ServletRequest request) {
        ServletRequest r = request;
        while (r instanceof ServletRequestWrapper wrapper && !r.getClass().getName().equals(UNDERTOW_REQUEST)) {
            r = wrapper.getRequest();
        }
        if (r == null || !r.getClass().getName().equals(UNDERTOW_REQUEST)) {
            return false;
        }
        try {
            Object exchange = r.getClass().getMethod("getExchange").invoke(r);
            Object connection = exchange.getClass().getMethod("getConnection").invoke(exchange);
            connection.getClass().getMethod("close").invoke(connection);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "larkee: could not close an Undertow connection after a refusal", e);
            return false;
        }
    }
}
