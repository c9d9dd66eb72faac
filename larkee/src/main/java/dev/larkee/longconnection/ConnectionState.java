package dev.larkee.longconnection;

/** Where one long connection stands. */
public enum ConnectionState {
    /** Not started yet. */
    IDLE,
    /** Bootstrap or handshake under way. */
    CONNECTING,
    /** Open; frames flow. */
    CONNECTED,
    /** Waiting before the next attempt. */
    RECONNECTING,
    /**
     * Waiting for a slot: the app's instances already hold {@code larkee.cluster.connection-cap}
     * connections. Tries again every {@code larkee.cluster.standby-check-ms}.
     */
    STANDBY,
    /** Gave up: a fatal error or ReconnectCount used up. Only {@link LongConnections#restart()} revives it. */
    FAILED,
    /** Undeploy under way: no new frames are taken, replies already running may still be acknowledged. */
    STOPPING,
    /** Stopped on undeploy. */
    STOPPED
}
