package dev.larkee.longconnection;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.BiConsumer;

/**
 * The platform's side of larkee's WebSocket for unit tests, without a server: every dial opens a
 * {@link Socket} at once (calling larkee's {@code onOpen}), records what larkee sends on it, and
 * lets the test deliver bytes and close it. Single-threaded: everything runs on the caller.
 */
final class FakePlatform implements WebSocketSupport {

    /** One socket as the platform sees it. */
    final class Socket {
        final int number;
        final jakarta.websocket.Endpoint endpoint;
        final List<Frame> sent = new ArrayList<>();
        Session session;
        MessageHandler.Whole<ByteBuffer> binary;
        boolean open = true;

        Socket(int number, jakarta.websocket.Endpoint endpoint) {
            this.number = number;
            this.endpoint = endpoint;
        }

        /** One binary message from the platform to larkee. */
        void deliver(byte[] bytes) {
            binary.onMessage(ByteBuffer.wrap(bytes));
        }

        void deliver(Frame frame) {
            deliver(FrameCodec.encode(frame));
        }

        /** The platform closes the socket (larkee's onClose runs). */
        void closeByPlatform(int code) {
            open = false;
            endpoint.onClose(session, new CloseReason(CloseReason.CloseCodes.getCloseCode(code), "bye"));
        }

        List<Frame> sent(String type) {
            return sent.stream().filter(f -> f.type().equals(type) && f.method() == Frame.Method.CONTROL).toList();
        }

        List<Frame> acks() {
            return sent.stream().filter(f -> f.method() == Frame.Method.DATA).toList();
        }
    }

    final List<Socket> sockets = new ArrayList<>();
    /** Called with every frame larkee sends, after it was recorded (e.g. to answer a ping). */
    BiConsumer<Socket, Frame> onSent = (s, f) -> {
    };

    Socket last() {
        return sockets.get(sockets.size() - 1);
    }

    @Override
    public WebSocketContainer container() {
        return (WebSocketContainer) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebSocketContainer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("connectToServer") && args.length == 3
                            && args[0] instanceof jakarta.websocket.Endpoint endpoint) {
                        return open(endpoint, (ClientEndpointConfig) args[1], (URI) args[2]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private Session open(jakarta.websocket.Endpoint endpoint, ClientEndpointConfig config, URI uri) {
        Socket socket = new Socket(sockets.size() + 1, endpoint);
        sockets.add(socket);
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendBinary") && args.length == 2) {
                        if (!socket.open) {
                            throw new IllegalStateException("closed");
                        }
                        ByteBuffer b = (ByteBuffer) args[0];
                        byte[] bytes = new byte[b.remaining()];
                        b.get(bytes);
                        Frame f = FrameCodec.decode(bytes);
                        socket.sent.add(f);
                        ((SendHandler) args[1]).onResult(new SendResult());
                        onSent.accept(socket, f);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        socket.session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "addMessageHandler" -> {
                        if (args[0] == ByteBuffer.class) {
                            @SuppressWarnings("unchecked")
                            MessageHandler.Whole<ByteBuffer> h = (MessageHandler.Whole<ByteBuffer>) args[1];
                            socket.binary = h;
                        }
                        yield null;
                    }
                    case "setMaxIdleTimeout" -> null;
                    case "isOpen" -> socket.open;
                    case "getAsyncRemote" -> async;
                    case "close" -> {
                        socket.open = false;
                        yield null;
                    }
                    case "getId" -> "s" + socket.number;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "fake session " + socket.number;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        endpoint.onOpen(socket.session, config);
        return socket.session;
    }

    @Override
    public OptionalInt refusedStatus(Throwable failure) {
        return OptionalInt.empty();
    }

    @Override
    public void shutdown() {
    }
}
