package dev.larkee.standalone;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.lang.reflect.Constructor;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Tyrus on Grizzly, bound to 127.0.0.1. Tyrus' own {@code GrizzlyServerContainer} always binds
 * 0.0.0.0, which would expose the simulator (and accept any app secret guesser) on every
 * interface; this is the same container with the listener on the loopback address only.
 */
final class LoopbackWebSocketServer extends TyrusServerContainer {

    static final String HOST = "127.0.0.1";

    private final WebSocketEngine engine = TyrusWebSocketEngine.builder(this).build();
    private HttpServer server;
    private NetworkListener listener;
    private String contextPath = "";

    LoopbackWebSocketServer() {
        super((java.util.Set<Class<?>>) null);
    }

    /** Starts serving {@code endpoint} on {@code port} (0: ephemeral); see {@link #getPort()}. */
    static LoopbackWebSocketServer start(ServerEndpointConfig endpoint, int port) throws IOException, DeploymentException {
        LoopbackWebSocketServer s = new LoopbackWebSocketServer();
        s.addEndpoint(endpoint);
        s.start("/", port);
        return s;
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
        engine.register(config, contextPath);
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    @Override
    public void start(String rootPath, int port) throws IOException, DeploymentException {
        contextPath = rootPath;
        server = new HttpServer();
        listener = new NetworkListener("larkee-standalone-simulator", HOST, port);
        server.addListener(listener);
        // As Tyrus does it: WebSocket frames are handled on worker threads, and sockets never idle out.
        listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        listener.registerAddOn(webSocketAddOn(this, rootPath));
        server.start();
        super.start(rootPath, port); // registers the endpoints added before
    }

    /** The bound port, the ephemeral one included; -1 before start. */
    @Override
    public int getPort() {
        return listener != null && listener.getPort() > 0 ? listener.getPort() : -1;
    }

    @Override
    public void stop() {
        super.stop();
        if (server != null) {
            server.shutdownNow();
        }
    }

    /**
     * Tyrus' add-on that puts its WebSocket filter into Grizzly's chain. Its constructor is
     * package-private (only Tyrus' own container was meant to use it), hence the one reflective call;
     * it works on the class path, where this simulator runs.
     */
    private static AddOn webSocketAddOn(ServerContainer container, String contextPath) throws DeploymentException {
        try {
            Constructor<WebSocketAddOn> c = WebSocketAddOn.class.getDeclaredConstructor(ServerContainer.class, String.class);
            c.setAccessible(true);
            return c.newInstance(container, contextPath);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DeploymentException("cannot create Tyrus' Grizzly WebSocket add-on (Tyrus 2.1.x expected)", e);
        }
    }
}
