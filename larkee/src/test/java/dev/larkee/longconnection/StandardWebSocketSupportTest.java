package dev.larkee.longconnection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What WildFly's WebSocket client tells of a refused handshake, and the headers read back for it. */
class StandardWebSocketSupportTest {

    private final StandardWebSocketSupport support = new StandardWebSocketSupport(null, 3000);

    @Test
    void theRefusedStatusIsReadFromUndertowsMessage() {
        // What Undertow throws: DeploymentException wrapping XNIO's UpgradeFailedException, same message.
        Throwable refused = new DeploymentException("Invalid response code 514",
                new IOException("Invalid response code 514"));
        assertEquals(OptionalInt.of(514), support.refusedStatus(refused));
        assertEquals(OptionalInt.of(403), support.refusedStatus(new RuntimeException("wrapped",
                new DeploymentException("Invalid response code 403"))));
        assertEquals(OptionalInt.empty(), support.refusedStatus(new IOException("Connection refused")));
        assertEquals(OptionalInt.empty(), support.refusedStatus(new IOException((String) null)));
    }

    @Test
    void theRefusingResponsesHandshakeHeadersAreReadWithTheJdkClient() throws Exception {
        HttpServer platform = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        platform.createContext("/ws", exchange -> {
            exchange.getResponseHeaders().add(HandshakeRejection.STATUS, "514");
            exchange.getResponseHeaders().add(HandshakeRejection.AUTH_ERROR_CODE, "1000040350");
            exchange.getResponseHeaders().add(HandshakeRejection.MESSAGE, "too many connections");
            exchange.sendResponseHeaders(514, -1);
            exchange.close();
        });
        platform.start();
        try {
            URI url = URI.create("ws://127.0.0.1:" + platform.getAddress().getPort() + "/ws?ticket=t");
            Map<String, List<String>> headers = support.refusalHeaders(url);

            ConnectFailure f = HandshakeRejection.classify(headers, 514);
            assertTrue(f.fatal(), f.getMessage());
            assertTrue(f.getMessage().contains("too many connections"), f.getMessage());
        } finally {
            platform.stop(0);
        }
    }

    @Test
    void nothingListeningGivesNoHeaders() throws IOException {
        HttpServer gone = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int port = gone.getAddress().getPort();
        gone.stop(0);
        assertEquals(Map.of(), support.refusalHeaders(URI.create("ws://127.0.0.1:" + port + "/ws")));
    }
}
