package dev.larkee.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WireTextTest {

    @Test
    void newlinesAndOtherControlsCannotStartALogRecord() {
        String forged = "im.message\nSEVERE: forged record\r\u2028\u0000\u001b[31m";
        String safe = WireText.forLog(forged);
        assertFalse(safe.chars().anyMatch(Character::isISOControl), safe);
        assertFalse(safe.contains("\u2028"));
        assertEquals("im.message\\u000aSEVERE: forged record\\u000d\\u2028\\u0000\\u001b[31m", safe);
    }

    @Test
    void longValuesAreCutAndSaySo() {
        String safe = WireText.forLog("x".repeat(1_000_000));
        assertTrue(safe.length() < WireText.MAX_CHARS + 32, "length " + safe.length());
        assertTrue(safe.endsWith("…(1000000 chars)"), safe);
    }

    @Test
    void ordinaryTextIsUnchangedAndNullIsNamed() {
        assertEquals("card.action.trigger", WireText.forLog("card.action.trigger"));
        assertEquals("同意", WireText.forLog("同意"));
        assertEquals("(none)", WireText.forLog(null));
    }
}
