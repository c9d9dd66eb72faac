package dev.larkee.it;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The clock of the shared test vectors (their signed timestamps are 1700000000..1700000004), so
 * the deployed WAR's freshness check accepts them as they are.
 */
@Alternative
@Priority(100)
@ApplicationScoped
public class VectorClock {

    public static final long NOW_SECONDS = 1700000005L;

    @Produces
    Clock vectorClock() {
        return Clock.fixed(Instant.ofEpochSecond(NOW_SECONDS), ZoneOffset.UTC);
    }
}
