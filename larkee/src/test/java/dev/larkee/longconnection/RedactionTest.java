package dev.larkee.longconnection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class RedactionTest {

    private static final String TICKET = "5f1c0ffee5ec7e7";
    private static final String URL = "ws://127.0.0.1:18090/larkee/simulator/ws/v2?fpid=1&device_id=7&service_id=9&ticket="
            + TICKET;

    @Test
    void theWholeCauseChainIsDescribedWithTypesAndMessages() {
        Exception e = new jakarta.websocket.DeploymentException("Handshake error.",
                new IOException("could not reach " + URL, new ConnectException("Connection refused")));
        assertEquals("DeploymentException: Handshake error. <- IOException: could not reach "
                + "ws://127.0.0.1:18090/larkee/simulator/ws/v2?… <- ConnectException: Connection refused",
                Redaction.describe(e));
    }

    @Test
    void neverTheTicketWhereverItAppears() {
        for (String message : new String[] {URL, "connect to " + URL + " failed", "bad ticket=" + TICKET,
                "Ticket: " + TICKET + "; retry", "{\"ticket\":\"" + TICKET + "\"}"}) {
            String d = Redaction.describe(new IllegalStateException(message));
            assertFalse(d.contains(TICKET), d);
            assertTrue(d.startsWith("IllegalStateException: "), d);
        }
    }

    @Test
    void messagesAreEscapedAndBoundedAndChainsAreFinite() {
        String d = Redaction.describe(new IOException("line one\nFORGED: line two " + "x".repeat(500)));
        assertFalse(d.contains("\n"), d);
        assertTrue(d.length() < 200, d);

        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b); // a cycle
        assertEquals("Exception: b <- Exception: a", Redaction.describe(b));

        Throwable deep = new Error("bottom");
        for (int i = 0; i < 20; i++) {
            deep = new RuntimeException("level " + i, deep);
        }
        assertTrue(Redaction.describe(deep).endsWith(" <- …"), Redaction.describe(deep));
        assertEquals("NullPointerException", Redaction.describe(new NullPointerException()));
    }
}
