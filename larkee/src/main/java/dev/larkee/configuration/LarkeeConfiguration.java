package dev.larkee.configuration;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every {@code larkee.*} setting, validated. Built once at deployment by {@link ConfigurationProducer};
 * a missing or bad value throws {@link InvalidConfigurationException} naming the key, which fails the
 * deployment. When no credential at all is configured larkee runs in <em>local simulator</em> mode with
 * throw-away credentials generated at start (see README). {@link #toString()} shows no secret.
 *
 * <p>Durations carry their unit in the key name; every default is listed in README's table.
 */
public final class LarkeeConfiguration {

    public static final String APP_ID = "larkee.app-id";
    public static final String APP_SECRET = "larkee.app-secret";
    public static final String ENCRYPT_KEY = "larkee.encrypt-key";
    public static final String VERIFICATION_TOKEN = "larkee.verification-token";
    public static final String DOMAIN = "larkee.domain";
    public static final String CALLBACK_DEADLINE_MS = "larkee.callback-deadline-ms";
    public static final String EXECUTOR = "larkee.executor";
    public static final String SCHEDULER = "larkee.scheduler";
    public static final String HTTP_PORT = "larkee.http-port";
    /** Where servers say which port their HTTP listener is on: Payara's config property, WildFly's system property. */
    static final List<String> SERVER_HTTP_PORTS = List.of("payara.instance.http.port", "jboss.http.port");
    public static final String EXAMPLES_ENABLED = "larkee.examples.enabled";
    public static final String SIMULATOR_ENABLED = "larkee.simulator.enabled";
    public static final String SIMULATOR_REMOTE_CLIENTS = "larkee.simulator.remote-clients";

    public static final String WEBHOOK_ENABLED = "larkee.webhook.enabled";
    public static final String WEBHOOK_EVENT_PATH = "larkee.webhook.event-path";
    public static final String WEBHOOK_CARD_PATH = "larkee.webhook.card-path";
    public static final String WEBHOOK_MAX_BODY_BYTES = "larkee.webhook.max-body-bytes";
    public static final String WEBHOOK_BODY_TIMEOUT_MS = "larkee.webhook.body-timeout-ms";
    public static final String WEBHOOK_REPLAY_WINDOW_SECONDS = "larkee.webhook.replay-window-seconds";
    public static final String WEBHOOK_EVENT_REPLAY_WINDOW_SECONDS = "larkee.webhook.event-replay-window-seconds";

    public static final String FALLBACK_TOAST = "larkee.callback.fallback-toast";
    public static final String CARD_UPDATE_TOKEN_LIFE_SECONDS = "larkee.card-update.token-life-seconds";
    public static final String OPEN_API_TIMEOUT_MS = "larkee.open-api.timeout-ms";
    /** How long the platform accepts a card token for updates. */
    public static final long CARD_TOKEN_LIFE_SECONDS = 1800;

    public static final String LC_ENABLED = "larkee.long-connection.enabled";
    public static final String LC_CONNECTIONS = "larkee.long-connection.connections";
    public static final String LC_LIVENESS_MULTIPLE = "larkee.long-connection.liveness-multiple";
    public static final String LC_BOOTSTRAP_TIMEOUT_MS = "larkee.long-connection.bootstrap-timeout-ms";
    public static final String LC_HANDSHAKE_TIMEOUT_MS = "larkee.long-connection.handshake-timeout-ms";
    public static final String LC_SHUTDOWN_GRACE_MS = "larkee.long-connection.shutdown-grace-ms";
    public static final String LC_PROXY = "larkee.long-connection.proxy";

    /** The platform drops a callback whose reply takes longer than this. */
    public static final long PLATFORM_DEADLINE_MS = 3000;

    private final boolean simulated;
    private final Optional<String> fallbackToast;
    private final long cardTokenLifeSeconds;
    private final long openApiTimeoutMs;
    private final boolean executorNamed;
    private final boolean schedulerNamed;
    private final boolean simulatorRemoteClients;
    private final String appId;
    private final Secret appSecret;
    private final Optional<Secret> encryptKey;
    private final Secret verificationToken;
    private final PlatformDomain domain;
    private final long callbackDeadlineMs;
    private final String executor;
    private final String scheduler;
    private final int httpPort;
    private final boolean examplesEnabled;
    private final boolean webhookEnabled;
    private final String eventPath;
    private final String cardPath;
    private final int maxBodyBytes;
    private final int bodyTimeoutMs;
    private final long replayWindowSeconds;
    private final long eventReplayWindowSeconds;
    private final boolean longConnectionEnabled;
    private final int connections;
    private final int livenessMultiple;
    private final long bootstrapTimeoutMs;
    private final long handshakeTimeoutMs;
    private final long shutdownGraceMs;
    private final Optional<String> proxy;
    private final ClusterSettings cluster;

    private LarkeeConfiguration(Function<String, Optional<String>> source) {
        Settings s = new Settings(source);
        Optional<String> id = s.text(APP_ID);
        Optional<String> secret = s.text(APP_SECRET);
        Optional<String> ek = s.text(ENCRYPT_KEY);
        Optional<String> vt = s.text(VERIFICATION_TOKEN);
        boolean noCredentials = id.isEmpty() && secret.isEmpty() && ek.isEmpty() && vt.isEmpty();
        // Fail closed: the simulator runs only when asked for, never because credentials went missing
        // (a misspelled environment variable is enough for that).
        simulated = s.bool(SIMULATOR_ENABLED, false);
        if (simulated && !noCredentials) {
            throw new InvalidConfigurationException(SIMULATOR_ENABLED, "must not be true while app credentials are "
                    + "configured (" + APP_ID + ", " + APP_SECRET + ", " + VERIFICATION_TOKEN + ", " + ENCRYPT_KEY
                    + "): the simulator stands in for the platform, not beside it");
        }
        if (!simulated && noCredentials) {
            throw new InvalidConfigurationException(APP_ID, "no app credentials are configured: set " + APP_ID + " and "
                    + APP_SECRET + " (long connection) and/or " + VERIFICATION_TOKEN + " (webhook), or set "
                    + SIMULATOR_ENABLED + "=true to run against the local platform simulator instead");
        }
        simulatorRemoteClients = s.bool(SIMULATOR_REMOTE_CLIENTS, false);

        httpPort = s.integer(HTTP_PORT, serverHttpPort(s), 1, 65535);
        examplesEnabled = s.bool(EXAMPLES_ENABLED, simulated);
        callbackDeadlineMs = s.integer(CALLBACK_DEADLINE_MS, 2500, 1, PLATFORM_DEADLINE_MS - 1);
        executorNamed = s.text(EXECUTOR).isPresent();
        schedulerNamed = s.text(SCHEDULER).isPresent();
        executor = s.text(EXECUTOR).orElse("concurrent/larkee");
        scheduler = s.text(SCHEDULER).orElse("concurrent/larkee-scheduler");

        // Unset, each transport is on when its credentials are there (always against the simulator);
        // set to true, its credentials are required.
        Optional<Boolean> webhookSetting = s.optionalBool(WEBHOOK_ENABLED);
        Optional<Boolean> longConnectionSetting = s.optionalBool(LC_ENABLED);
        webhookEnabled = webhookSetting.orElse(simulated || vt.isPresent());
        eventPath = s.pathSegment(WEBHOOK_EVENT_PATH, "event");
        cardPath = s.pathSegment(WEBHOOK_CARD_PATH, "card");
        if (eventPath.equals(cardPath)) {
            throw new InvalidConfigurationException(WEBHOOK_CARD_PATH, "must differ from " + WEBHOOK_EVENT_PATH);
        }
        maxBodyBytes = s.integer(WEBHOOK_MAX_BODY_BYTES, 1 << 20, 1024, 64 << 20);
        bodyTimeoutMs = s.integer(WEBHOOK_BODY_TIMEOUT_MS, 10_000, 100, 120_000);
        replayWindowSeconds = s.integer(WEBHOOK_REPLAY_WINDOW_SECONDS, 300, 0, 7 * 24 * 3600);
        eventReplayWindowSeconds = s.integer(WEBHOOK_EVENT_REPLAY_WINDOW_SECONDS, 8 * 3600, 0, 7 * 24 * 3600);

        longConnectionEnabled = longConnectionSetting.orElse(simulated || (id.isPresent() && secret.isPresent()));
        connections = s.integer(LC_CONNECTIONS, 1, 1, 50);
        livenessMultiple = s.integer(LC_LIVENESS_MULTIPLE, 2, 0, 20);
        bootstrapTimeoutMs = s.integer(LC_BOOTSTRAP_TIMEOUT_MS, 10_000, 100, 120_000);
        handshakeTimeoutMs = s.integer(LC_HANDSHAKE_TIMEOUT_MS, 10_000, 100, 120_000);
        shutdownGraceMs = s.integer(LC_SHUTDOWN_GRACE_MS, 2_000, 0, 60_000);
        cluster = new ClusterSettings(ClusterSettings.DataGrid.parse(s.text(ClusterSettings.DATA_GRID).orElse("auto")),
                s.integer(ClusterSettings.CONNECTION_CAP, ClusterSettings.PLATFORM_CONNECTION_CAP, 1,
                        ClusterSettings.PLATFORM_CONNECTION_CAP),
                s.integer(ClusterSettings.STANDBY_CHECK_MS, 5_000, 100, 600_000));
        fallbackToast = s.text(FALLBACK_TOAST);
        fallbackToast.ifPresent(t -> {
            if (t.length() > 200) {
                throw new InvalidConfigurationException(FALLBACK_TOAST, "must be at most 200 characters");
            }
        });
        // Only ever shorter than the platform's 30 minutes (tests shorten it).
        cardTokenLifeSeconds = s.integer(CARD_UPDATE_TOKEN_LIFE_SECONDS, CARD_TOKEN_LIFE_SECONDS, 1, CARD_TOKEN_LIFE_SECONDS);
        openApiTimeoutMs = s.integer(OPEN_API_TIMEOUT_MS, 10_000, 100, 120_000);
        proxy = s.text(LC_PROXY);
        proxy.ifPresent(p -> {
            if (!p.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")) {
                throw new InvalidConfigurationException(LC_PROXY, "must be host:port");
            }
        });

        if (simulated) {
            HexFormat hex = HexFormat.of();
            SecureRandom random = new SecureRandom();
            appId = "cli_" + hex.formatHex(bytes(random, 8));
            appSecret = Secret.of(hex.formatHex(bytes(random, 16)));
            encryptKey = Optional.of(Secret.of(hex.formatHex(bytes(random, 16))));
            verificationToken = Secret.of(hex.formatHex(bytes(random, 16)));
            domain = null; // the simulator's own URL, known once the server runs: see simulatorDomain
            return;
        }
        domain = PlatformDomain.parse(DOMAIN, s.text(DOMAIN).orElse("feishu"));
        encryptKey = ek.map(Secret::of);
        if (longConnectionEnabled) {
            appId = id.orElseThrow(() -> new InvalidConfigurationException(APP_ID,
                    "is required while " + LC_ENABLED + "=true (set it, or disable the long connection)"));
            appSecret = Secret.of(secret.orElseThrow(() -> new InvalidConfigurationException(APP_SECRET,
                    "is required while " + LC_ENABLED + "=true (set it, or disable the long connection)")));
        } else {
            appId = id.orElse("");
            appSecret = Secret.of(secret.orElse(""));
        }
        if (webhookEnabled) {
            // Without a token and without an Encrypt Key a webhook would accept anything (SDK weakness W14).
            verificationToken = Secret.of(vt.orElseThrow(() -> new InvalidConfigurationException(VERIFICATION_TOKEN,
                    "is required while " + WEBHOOK_ENABLED + "=true (set it, or disable the webhook)")));
        } else {
            verificationToken = Secret.of(vt.orElse(""));
        }
        if (!longConnectionEnabled && !webhookEnabled) {
            if (webhookSetting.isPresent() && longConnectionSetting.isPresent()) {
                throw new InvalidConfigurationException(LC_ENABLED, "and " + WEBHOOK_ENABLED
                        + " are both false: nothing would reach larkee");
            }
            String missing = id.isPresent() && secret.isEmpty() ? APP_SECRET
                    : secret.isPresent() && id.isEmpty() ? APP_ID : VERIFICATION_TOKEN;
            throw new InvalidConfigurationException(missing, "is missing: set " + APP_ID + " and " + APP_SECRET
                    + " for the long connection, or " + VERIFICATION_TOKEN + " for the webhook");
        }
    }

    private static byte[] bytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Reads and validates every setting from {@code source} (key to value, empty when unset). */
    public static LarkeeConfiguration from(Function<String, Optional<String>> source) {
        return new LarkeeConfiguration(source);
    }

    /** True when no credential is configured: larkee talks to its embedded platform simulator. */
    /** Whether larkee runs against its embedded platform simulator ({@code larkee.simulator.enabled=true}). */
    public boolean simulated() {
        return simulated;
    }

    /**
     * Whether the simulator's endpoints and console answer clients other than loopback ones
     * ({@code larkee.simulator.remote-clients}, default false).
     */
    public boolean simulatorRemoteClients() {
        return simulatorRemoteClients;
    }

    public String appId() {
        return appId;
    }

    public Secret appSecret() {
        return appSecret;
    }

    public Optional<Secret> encryptKey() {
        return encryptKey;
    }

    public Secret verificationToken() {
        return verificationToken;
    }

    /**
     * The configured domain; in simulator mode the simulator's URL under this server, below
     * {@code endpoints}: where larkee's endpoints are served ({@code /larkee/api}).
     */
    public PlatformDomain domain(String endpoints) {
        if (domain != null) {
            return domain;
        }
        return PlatformDomain.parse(DOMAIN, "http://127.0.0.1:" + httpPort + endpoints + "/simulator");
    }

    /** The toast a card callback gets when its observers miss the deadline ({@code {}} when unset). */
    public Optional<String> fallbackToast() {
        return fallbackToast;
    }

    /** How long after the callback larkee still sends card updates with its token. */
    public long cardTokenLifeSeconds() {
        return cardTokenLifeSeconds;
    }

    /** Connect and read timeout of each open API call. */
    public long openApiTimeoutMs() {
        return openApiTimeoutMs;
    }

    public long callbackDeadlineMs() {
        return callbackDeadlineMs;
    }

    public String executor() {
        return executor;
    }

    /**
     * Whether {@code larkee.executor} was set. Unset, {@code concurrent/larkee} (created by
     * payara-config) is used where it exists and the server's default managed thread factory, which
     * every Jakarta EE 10 server has, elsewhere: no server-specific setting needed.
     */
    public boolean executorNamed() {
        return executorNamed;
    }

    /** Whether {@code larkee.scheduler} was set; unset, the same fallback as {@link #executorNamed()}. */
    public boolean schedulerNamed() {
        return schedulerNamed;
    }

    public String scheduler() {
        return scheduler;
    }

    /** Whether the example observers answer; by default only against the local simulator. */
    public boolean examplesEnabled() {
        return examplesEnabled;
    }

    public int httpPort() {
        return httpPort;
    }

    public boolean webhookEnabled() {
        return webhookEnabled;
    }

    public String eventPath() {
        return eventPath;
    }

    public String cardPath() {
        return cardPath;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** How long a webhook sender has to deliver the whole body once the headers are in (ms; default 10 000). */
    public int bodyTimeoutMs() {
        return bodyTimeoutMs;
    }

    /** How far a signed callback's timestamp may be from now, in seconds; 0 turns the check off. */
    public long replayWindowSeconds() {
        return replayWindowSeconds;
    }

    /** The same for events, which the platform retries for hours; 0 turns the check off. */
    public long eventReplayWindowSeconds() {
        return eventReplayWindowSeconds;
    }

    public boolean longConnectionEnabled() {
        return longConnectionEnabled;
    }

    public int connections() {
        return connections;
    }

    /** How this app's instances share the data grid and the connection cap. */
    public ClusterSettings cluster() {
        return cluster;
    }

    /** Liveness: a connection with no inbound frame for this many ping intervals is dead; 0 = off. */
    public int livenessMultiple() {
        return livenessMultiple;
    }

    public long bootstrapTimeoutMs() {
        return bootstrapTimeoutMs;
    }

    public long handshakeTimeoutMs() {
        return handshakeTimeoutMs;
    }

    public long shutdownGraceMs() {
        return shutdownGraceMs;
    }

    /** HTTP proxy {@code host:port} for the bootstrap and the WebSocket, if configured. */
    public Optional<String> proxy() {
        return proxy;
    }

    @Override
    public String toString() {
        return "LarkeeConfiguration[" + (simulated ? "simulator" : "app " + appId + " at " + domain.baseUrl())
                + ", encryption " + (encryptKey.isPresent() ? "on" : "off")
                + ", webhook " + (webhookEnabled ? "on" : "off")
                + ", long connection " + (longConnectionEnabled ? connections + " connection(s)" : "off")
                + ", deadline " + callbackDeadlineMs + " ms]";
    }

    /**
     * The port the embedded simulator is reached on when {@value #HTTP_PORT} is not set: the one the
     * server reports (so Payara's {@code --port} or WildFly's {@code -Djboss.http.port} alone is
     * enough), else 8080. Not ours to validate: a value that is not a port is skipped.
     */
    private static int serverHttpPort(Settings s) {
        for (String key : SERVER_HTTP_PORTS) {
            Optional<String> raw = s.text(key);
            if (raw.isPresent() && raw.get().matches("\\d{1,5}")) {
                int port = Integer.parseInt(raw.get());
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            }
        }
        return 8080;
    }

    /** Typed reads with the key named in every complaint. */
    private record Settings(Function<String, Optional<String>> source) {

        Optional<String> text(String key) {
            return source.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        }

        int integer(String key, long fallback, long min, long max) {
            Optional<String> raw = text(key);
            long value;
            if (raw.isEmpty()) {
                value = fallback;
            } else {
                try {
                    value = Long.parseLong(raw.get());
                } catch (NumberFormatException e) {
                    throw new InvalidConfigurationException(key, "must be a whole number, was '" + raw.get() + "'");
                }
            }
            if (value < min || value > max) {
                throw new InvalidConfigurationException(key, "must be between " + min + " and " + max + ", was " + value);
            }
            return (int) value;
        }

        boolean bool(String key, boolean fallback) {
            return optionalBool(key).orElse(fallback);
        }

        Optional<Boolean> optionalBool(String key) {
            return text(key).map(raw -> switch (raw.toLowerCase(java.util.Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new InvalidConfigurationException(key, "must be true or false, was '" + raw + "'");
            });
        }

        String pathSegment(String key, String fallback) {
            String value = text(key).orElse(fallback);
            if (!value.matches("[A-Za-z0-9._\\-]+")) {
                throw new InvalidConfigurationException(key, "must be one path segment of letters, digits, '.', '_' or '-'");
            }
            return value;
        }
    }
}
