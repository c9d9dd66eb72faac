package dev.larkee.longconnection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessReportTest {

    private static ConnectionStatus status(int i, ConnectionState state, boolean alive, String error) {
        return new ConnectionStatus(i, state, "d" + i, alive, 3, error, Instant.EPOCH, ClientConfig.DEFAULTS, null);
    }

    @Test
    void disabledIsUp() {
        ReadinessReport r = ReadinessReport.of(false, List.of());
        assertTrue(r.up());
        assertEquals("disabled", r.data().get("long_connection"));
    }

    @Test
    void upOnlyWhenEveryConnectionIsAlive() {
        assertTrue(ReadinessReport.of(true, List.of(status(1, ConnectionState.CONNECTED, true, ""),
                status(2, ConnectionState.CONNECTED, true, ""))).up());
        ReadinessReport r = ReadinessReport.of(true, List.of(status(1, ConnectionState.CONNECTED, true, ""),
                status(2, ConnectionState.FAILED, false, "bootstrap refused with code 10003")));
        assertFalse(r.up());
        assertEquals("FAILED", r.data().get("#2.state"));
        assertEquals("3", r.data().get("#2.attempts"));
        assertEquals("bootstrap refused with code 10003", r.data().get("#2.last_error"));
        assertEquals("SILENT", ReadinessReport.of(true, List.of(new ConnectionStatus(1, ConnectionState.CONNECTED,
                "d1", false, 3, "", Instant.EPOCH, ClientConfig.DEFAULTS, Instant.EPOCH.plusSeconds(1))))
                .data().get("#1.state"));
        assertFalse(ReadinessReport.of(true, List.of()).up());
    }

    @Test
    void anOpenSocketThePlatformHasNotAnsweredOnIsNotReadyYet() {
        ReadinessReport r = ReadinessReport.of(true, List.of(status(1, ConnectionState.CONNECTED, false, "")));
        assertFalse(r.up());
        assertEquals("AWAITING_PONG", r.data().get("#1.state"));
    }
}
