package dev.larkee.standalone;

import dev.larkee.longconnection.ClientConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code POST /callback/ws/endpoint} answers (long-connection spec §2): a fresh WebSocket URL
 * with a new {@code device_id}, a {@code service_id} and a single-use ticket, plus the
 * ClientConfig; or the platform's refusal, always with HTTP 200 as the platform does.
 */
final class Bootstrap {

    /** Success. */
    static final long OK = 0;
    /**
     * Wrong AppID/AppSecret: the open platform's "invalid app" code, as the embedded simulator and
     * spec §14 use it; every SDK and larkee treat it as fatal (1000040343 would be retried forever).
     */
    static final long INVALID_CREDENTIALS = 10003;
    /** The 51st connection of an app (spec §2.3 ExceedConnLimit, §10). */
    static final long EXCEED_CONNECTION_LIMIT = 1000040350L;

    private final AppCredentials credentials;
    private final ConnectionRegistry connections;
    private final TicketBook tickets;
    private final ClientConfig clientConfig;
    private final int maxConnections;
    private final String webSocketUrl;
    private final SecureRandom random = new SecureRandom();
    // Unique per process and numeric like the platform's; started at random so runs do not collide in logs.
    private final AtomicLong nextDeviceId;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    /**
     * @param webSocketUrl the WebSocket endpoint without query, e.g. {@code ws://127.0.0.1:4711/ws}
     */
    Bootstrap(AppCredentials credentials, ConnectionRegistry connections, TicketBook tickets, ClientConfig clientConfig,
            int maxConnections, String webSocketUrl) {
        this.credentials = credentials;
        this.connections = connections;
        this.tickets = tickets;
        this.clientConfig = clientConfig;
        this.maxConnections = maxConnections;
        this.webSocketUrl = webSocketUrl;
        this.nextDeviceId = new AtomicLong(7_000_000_000_000_000_000L + Math.floorMod(random.nextLong(), 1_000_000_000_000_000L));
    }

    /** The JSON answer to one request body (whatever it is). */
    JsonObject answer(byte[] body) {
        requests.incrementAndGet();
        JsonObject request = JsonSupport.parseObject(body).orElse(JsonValue.EMPTY_JSON_OBJECT);
        if (!credentials.matches(string(request, "AppID"), string(request, "AppSecret"))) {
            refused.incrementAndGet();
            return refusal(INVALID_CREDENTIALS, "invalid AppID or AppSecret");
        }
        if (connections.size() >= maxConnections) {
            refused.incrementAndGet();
            return refusal(EXCEED_CONNECTION_LIMIT, "exceed connection limit");
        }
        String deviceId = Long.toString(nextDeviceId.getAndIncrement());
        int serviceId = 1 + random.nextInt(Integer.MAX_VALUE - 1);
        String ticket = tickets.issue(deviceId, serviceId);
        // fpid first: the Node SDK parses the URL naively and misses a parameter right after '?' (spec §14).
        String url = webSocketUrl + "?fpid=1&device_id=" + deviceId + "&service_id=" + serviceId + "&ticket=" + ticket;
        return JsonSupport.object().add("code", OK).add("msg", "ok")
                .add("data", JsonSupport.object().add("URL", url).add("ClientConfig", clientConfig.toJson()))
                .build();
    }

    long requests() {
        return requests.get();
    }

    long refused() {
        return refused.get();
    }

    private static JsonObject refusal(long code, String msg) {
        return JsonSupport.object().add("code", code).add("msg", msg).add("data", JsonValue.NULL).build();
    }

    private static String string(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    static byte[] utf8(JsonObject json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
