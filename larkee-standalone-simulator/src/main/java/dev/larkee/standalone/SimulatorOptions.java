package dev.larkee.standalone;

import dev.larkee.longconnection.ClientConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link StandaloneSimulator} behaves. Defaults are chosen so that larkee instances recover
 * within seconds (the platform's own values are minutes); tests shorten the timeouts further.
 *
 * @param appId                 the one app this platform serves
 * @param appSecret             its secret; never printed ({@link #toString()} leaves it out)
 * @param httpPort              port of the bootstrap endpoint; 0 for an ephemeral one
 * @param webSocketPort         port of the WebSocket endpoint; 0 for an ephemeral one
 * @param clientConfig          handed out with every bootstrap and pong
 * @param maxConnections        open connections per app; the platform's limit is 50
 * @param redeliveryTimeout     how long a pushed message may stay unacknowledged before it is sent again
 * @param maxAttempts           transmissions of one message before it is given up as lost
 * @param maxWaiting            messages that may wait for a first connection; {@code send} refuses more
 * @param webhookRetrySchedule  pause before each webhook retry; its size is the number of retries
 * @param webhookTimeout        connect and answer time allowed to one webhook POST
 */
public record SimulatorOptions(String appId, String appSecret, int httpPort, int webSocketPort,
        ClientConfig clientConfig, int maxConnections, Duration redeliveryTimeout, int maxAttempts, int maxWaiting,
        List<Duration> webhookRetrySchedule, Duration webhookTimeout) {

    /** The platform's limit of connections per app (long-connection spec §10). */
    public static final int PLATFORM_MAX_CONNECTIONS = 50;
    /** The platform's event re-push schedule (webhook spec §10.2): 15 s, 5 min, 1 h, 6 h. */
    public static final List<Duration> PLATFORM_WEBHOOK_RETRIES = List.of(Duration.ofSeconds(15), Duration.ofMinutes(5),
            Duration.ofHours(1), Duration.ofHours(6));
    /** Fast reconnects and a ping every 5 s: ReconnectCount -1, ReconnectInterval 2 s, ReconnectNonce 0 s. */
    public static final ClientConfig DEFAULT_CLIENT_CONFIG = new ClientConfig(5, -1, 2, 0);

    /** Checks ranges; copies the schedule. */
    public SimulatorOptions {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(clientConfig, "clientConfig");
        requirePort(httpPort);
        requirePort(webSocketPort);
        requirePositive("maxConnections", maxConnections);
        requirePositive("maxAttempts", maxAttempts);
        requirePositive("maxWaiting", maxWaiting);
        requirePositive("redeliveryTimeout", redeliveryTimeout);
        requirePositive("webhookTimeout", webhookTimeout);
        webhookRetrySchedule = List.copyOf(webhookRetrySchedule);
        webhookRetrySchedule.forEach(d -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException("webhook retry pauses must not be negative: " + d);
            }
        });
    }

    /** Options for one app, everything else at its default. */
    public static Builder builder(String appId, String appSecret) {
        return new Builder(appId, appSecret);
    }

    @Override
    public String toString() {
        return "SimulatorOptions[appId=" + appId + ", appSecret=(hidden), httpPort=" + httpPort + ", webSocketPort="
                + webSocketPort + ", clientConfig=" + clientConfig + ", maxConnections=" + maxConnections
                + ", redeliveryTimeout=" + redeliveryTimeout + ", maxAttempts=" + maxAttempts + ", maxWaiting="
                + maxWaiting + ", webhookRetrySchedule=" + webhookRetrySchedule + ", webhookTimeout=" + webhookTimeout + "]";
    }

    private static void requirePort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** Builds {@link SimulatorOptions}; every setter has a default. */
    public static final class Builder {
        private final String appId;
        private final String appSecret;
        private int httpPort;
        private int webSocketPort;
        private ClientConfig clientConfig = DEFAULT_CLIENT_CONFIG;
        private int maxConnections = PLATFORM_MAX_CONNECTIONS;
        private Duration redeliveryTimeout = Duration.ofSeconds(3);
        private int maxAttempts = 10;
        private int maxWaiting = 1000;
        private List<Duration> webhookRetrySchedule = PLATFORM_WEBHOOK_RETRIES;
        private Duration webhookTimeout = Duration.ofSeconds(3);

        private Builder(String appId, String appSecret) {
            this.appId = appId;
            this.appSecret = appSecret;
        }

        /** Default 0: an ephemeral port, see {@link StandaloneSimulator#base()}. */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** Default 0: an ephemeral port. */
        public Builder webSocketPort(int port) {
            this.webSocketPort = port;
            return this;
        }

        /** Default {@link #DEFAULT_CLIENT_CONFIG}. */
        public Builder clientConfig(ClientConfig config) {
            this.clientConfig = config;
            return this;
        }

        /** Default 50, the platform's limit. */
        public Builder maxConnections(int max) {
            this.maxConnections = max;
            return this;
        }

        /** Default 3 s, the platform's ack budget. */
        public Builder redeliveryTimeout(Duration timeout) {
            this.redeliveryTimeout = timeout;
            return this;
        }

        /** Default 10 transmissions per message. */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        /** Default 1000 messages waiting for a first connection. */
        public Builder maxWaiting(int max) {
            this.maxWaiting = max;
            return this;
        }

        /** Default {@link #PLATFORM_WEBHOOK_RETRIES}. */
        public Builder webhookRetrySchedule(List<Duration> schedule) {
            this.webhookRetrySchedule = schedule;
            return this;
        }

        /** Default 3 s. */
        public Builder webhookTimeout(Duration timeout) {
            this.webhookTimeout = timeout;
            return this;
        }

        /** The options; throws IllegalArgumentException for a value out of range. */
        public SimulatorOptions build() {
            return new SimulatorOptions(appId, appSecret, httpPort, webSocketPort, clientConfig, maxConnections,
                    redeliveryTimeout, maxAttempts, maxWaiting, webhookRetrySchedule, webhookTimeout);
        }
    }
}
