package dev.larkee.longconnection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class PeerWarningsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final List<String> lines = new ArrayList<>();
    private final Logger log = Logger.getAnonymousLogger();
    private final PeerWarnings warnings;

    PeerWarningsTest() {
        log.setUseParentHandlers(false);
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        warnings = new PeerWarnings(log, TimeUnit.SECONDS.toNanos(PeerWarnings.INTERVAL_SECONDS), now::get);
    }

    @Test
    void oneLinePerKindPerIntervalThenTheCountOfThoseLeftOut() {
        assertTrue(warnings.warn(PeerWarnings.Kind.BAD_FRAME, () -> "bad frame 1"));
        for (int i = 0; i < 41; i++) {
            assertFalse(warnings.warn(PeerWarnings.Kind.BAD_FRAME, () -> "bad frame again"));
        }
        assertTrue(warnings.warn(PeerWarnings.Kind.NOT_JSON, () -> "not json"), "other kinds have their own window");
        now.addAndGet(TimeUnit.SECONDS.toNanos(9));
        assertFalse(warnings.warn(PeerWarnings.Kind.BAD_FRAME, () -> "still within 10 s"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertTrue(warnings.warn(PeerWarnings.Kind.BAD_FRAME, () -> "bad frame 2"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        assertTrue(warnings.warn(PeerWarnings.Kind.BAD_FRAME, () -> "bad frame 3"));
        assertEquals(List.of("WARNING bad frame 1", "WARNING not json",
                "WARNING bad frame 2 (42 more unreadable frames in the last 10 s were not logged)",
                "WARNING bad frame 3"), lines);
    }

    @Test
    void aLeftOutLineIsNeverBuilt() {
        warnings.warn(PeerWarnings.Kind.BAD_PONG, () -> "first");
        warnings.warn(PeerWarnings.Kind.BAD_PONG, () -> {
            throw new AssertionError("built a line that is not logged");
        });
        assertEquals(1, lines.size());
    }
}
