package dev.larkee.standalone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** HTTP plumbing of {@link Bootstrap}: POST only, a bounded body, a JSON answer with HTTP 200. */
final class BootstrapHttpHandler implements HttpHandler {

    static final String PATH = "/callback/ws/endpoint";
    /** A bootstrap body is two short strings; anything much larger is not one. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final Bootstrap bootstrap;

    BootstrapHttpHandler(Bootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = readAtMost(exchange.getRequestBody(), MAX_BODY_BYTES);
            if (body == null) {
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            byte[] answer = Bootstrap.utf8(bootstrap.answer(body));
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    /** The whole stream, or null when it is longer than {@code max}. */
    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        return bytes.length > max ? null : bytes;
    }
}
