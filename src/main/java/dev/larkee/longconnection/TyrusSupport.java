package dev.larkee.longconnection;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.core.HandshakeException;

/**
 * Everything Tyrus-specific, in one class loaded reflectively by {@link WebSocketSupport#create}:
 * a missing Tyrus makes loading fail and larkee falls back to the standard API.
 */
final class TyrusSupport implements WebSocketSupport {

    private final ClientManager client;
    private final SessionTimers timers = new SessionTimers();

    TyrusSupport(long handshakeTimeoutMs, Optional<String> proxy) {
        // Payara's provider answers a ClientManager; the cast fails (and we fall back) elsewhere.
        if (!(ContainerProvider.getWebSocketContainer() instanceof ClientManager)) {
            throw new ClassCastException("the WebSocket container is not Tyrus");
        }
        // Our own subclass, for the sessions' timer service (see SessionTimers).
        client = new ClientManager() {
            @Override
            public ScheduledExecutorService getScheduledExecutorService() {
                return timers;
            }
        };
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, (int) handshakeTimeoutMs);
        proxy.ifPresent(p -> client.getProperties().put(ClientProperties.PROXY_URI, "http://" + p));
    }

    @Override
    public WebSocketContainer container() {
        return client;
    }

    @Override
    public OptionalInt refusedStatus(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HandshakeException h) {
                return OptionalInt.of(h.getHttpStatusCode());
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public void shutdown() {
        client.shutdown();
        timers.shutdownNow();
    }

    /**
     * The timer service of larkee's Tyrus sessions. Tyrus 2.1.5 re-arms a session's idle timeout
     * on <em>every</em> message sent or received ({@code TyrusSession.restartIdleTimeoutExecutor}),
     * even when the idle timeout is 0, and inside Payara its container's default is the managed
     * scheduled executor, whose per-task context capture scans the class path with a
     * {@code ServiceLoader} (docs/bench-results.md): about a quarter of the long connection's CPU
     * per acknowledged frame. larkee's sessions always have idle timeout 0 (its own watchdog
     * decides liveness), so Tyrus' task is then scheduled with delay 0 and does nothing; such a
     * task runs at once on the caller instead of waking a timer thread. Tasks with a delay (none
     * in larkee's use) go to one lazily started daemon thread, stopped with the container.
     */
    static final class SessionTimers extends ScheduledThreadPoolExecutor {

        SessionTimers() {
            super(1, r -> {
                Thread t = new Thread(r, "larkee-tyrus-timer");
                t.setDaemon(true);
                return t;
            });
            setRemoveOnCancelPolicy(true);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            if (delay <= 0 && !isShutdown()) {
                command.run();
                return Done.INSTANCE;
            }
            return super.schedule(command, delay, unit);
        }
    }

    /** An already finished task. */
    private static final class Done implements ScheduledFuture<Object> {
        static final Done INSTANCE = new Done();

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
