package dev.larkee.longconnection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EndpointDiscoveryTest {

    @Test
    void theBootstrapAnswerIsReadUpToItsBoundOnly() throws Exception {
        String small = "{\"code\":0,\"msg\":\"飞书\"}";
        assertEquals(small, EndpointDiscovery.readBounded(
                new ByteArrayInputStream(small.getBytes(StandardCharsets.UTF_8)), EndpointDiscovery.MAX_ANSWER_BYTES));

        int[] read = {0};
        InputStream endless = new InputStream() { // a peer that never stops talking
            @Override
            public int read() {
                read[0]++;
                return 'x';
            }
        };
        ConnectFailure f = assertThrows(ConnectFailure.class, () -> EndpointDiscovery.readBounded(endless, 1024));
        assertFalse(f.fatal(), "retried like any bad answer");
        assertEquals(1025, read[0], "stopped one byte past the bound");
    }
}
