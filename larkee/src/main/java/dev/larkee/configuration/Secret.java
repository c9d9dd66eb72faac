package dev.larkee.configuration;

import java.util.Objects;

/**
 * A configured secret (App Secret, Encrypt Key, Verification Token). Its {@code toString} never
 * shows the value, so it is safe to hand to loggers and exception messages by accident.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The secret itself: only for crypto and the platform's own wire fields. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "***";
    }
}
