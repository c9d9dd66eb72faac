package dev.larkee.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class RejectionLogTest {

    @Test
    void aFloodOfRefusalsLogsOneLinePerCheckAndInterval() {
        Logger logger = Logger.getLogger("rejection-log-test");
        logger.setUseParentHandlers(false);
        List<String> lines = new ArrayList<>();
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        long second = TimeUnit.SECONDS.toNanos(1);
        RejectionLog log = new RejectionLog(logger, 10 * second);
        long t = 1_000 * second;
        assertTrue(log.log(Level.INFO, "signature", t, () -> "bad signature"));
        for (int i = 0; i < 1000; i++) {
            assertFalse(log.log(Level.INFO, "signature", t + i, () -> "bad signature"));
        }
        assertTrue(log.log(Level.INFO, "json", t, () -> "bad json"), "each check has its own window");
        assertTrue(log.log(Level.INFO, "signature", t + 11 * second, () -> "bad signature"));
        assertEquals(List.of("bad signature", "bad json",
                "bad signature (1000 more refused for 'signature' in the last 10 s were not logged)"), lines);
    }
}
