package dev.larkee.longconnection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bootstrap answers (spec §2.3) and handshake refusals (§6): what is fatal, what is retried. */
class ConnectClassificationTest {

    private static final String URL = "wss://msg-frontier.feishu.cn/ws/v2?fpid=493&aid=552564&device_id=7441873153905737730"
            + "&access_key=abc&service_id=33554678&ticket=secret-ticket";

    private static ConnectFailure bootstrapFailure(int status, String body) {
        return assertThrows(ConnectFailure.class,
                () -> BootstrapAnswer.interpret(status, body, ClientConfig.DEFAULTS, r -> { }));
    }

    @Test
    void successReadsUrlIdsAndMergesConfig() throws ConnectFailure {
        List<String> rejected = new ArrayList<>();
        Endpoint e = BootstrapAnswer.interpret(200, "{\"code\":0,\"msg\":\"ok\",\"data\":{\"URL\":\"" + URL + "\","
                + "\"ClientConfig\":{\"PingInterval\":60,\"ReconnectCount\":-1,\"ReconnectInterval\":0,\"ReconnectNonce\":5}}}",
                ClientConfig.DEFAULTS, rejected::add);
        assertEquals(URL, e.url().toString());
        assertEquals("7441873153905737730", e.deviceId());
        assertEquals(33554678, e.serviceId());
        assertEquals(new ClientConfig(60, -1, 120, 5), e.config());
        assertEquals(List.of("ReconnectInterval=0"), rejected);
        assertFalse(e.toString().contains("ticket"), e.toString());
    }

    @Test
    void missingClientConfigKeepsTheOldOne() throws ConnectFailure {
        ClientConfig old = new ClientConfig(5, 2, 3, 4);
        Endpoint e = BootstrapAnswer.interpret(200, "{\"code\":0,\"data\":{\"URL\":\"ws://h/ws\"}}", old, r -> { });
        assertEquals(old, e.config());
        assertEquals("", e.deviceId());
        assertEquals(0, e.serviceId());
    }

    @Test
    void transientAnswersAreRetried() {
        assertFalse(bootstrapFailure(500, "").fatal());
        assertFalse(bootstrapFailure(200, "not json").fatal());
        assertFalse(bootstrapFailure(200, "{\"code\":1,\"msg\":\"system busy\"}").fatal());
        assertFalse(bootstrapFailure(200, "{\"code\":1000040343,\"msg\":\"internal\"}").fatal());
        assertFalse(bootstrapFailure(200, "{\"code\":1000040345,\"msg\":\"system busy\"}").fatal());
        assertFalse(bootstrapFailure(200, "{\"code\":0,\"data\":null}").fatal());
        assertFalse(bootstrapFailure(200, "{\"code\":0,\"data\":{\"URL\":\"\"}}").fatal());
        assertFalse(bootstrapFailure(200, "{\"code\":0,\"data\":{\"URL\":\"http://h/ws\"}}").fatal());
        assertFalse(bootstrapFailure(200, "{\"code\":0,\"data\":{\"URL\":\"ws:///nohost\"}}").fatal());
    }

    @Test
    void credentialAndPermissionCodesAreFatal() {
        for (long code : new long[] {403, 514, 1000040350L, 1000040344L, 10003, 10014}) {
            ConnectFailure f = bootstrapFailure(200, "{\"code\":" + code + ",\"msg\":\"no\"}");
            assertTrue(f.fatal(), "code " + code);
            assertTrue(f.getMessage().contains(Long.toString(code)));
        }
    }

    @Test
    void handshakeRefusals() {
        assertTrue(HandshakeRejection.classify(Map.of("handshake-status", List.of("403")), 403).fatal());
        assertTrue(HandshakeRejection.classify(Map.of("Handshake-Status", List.of("514"),
                "HANDSHAKE-AUTHERRCODE", List.of("1000040350"), "Handshake-Msg", List.of("limit")), 400).fatal());
        assertFalse(HandshakeRejection.classify(Map.of("Handshake-Status", List.of("514"),
                "Handshake-Autherrcode", List.of("1000040343")), 400).fatal());
        assertFalse(HandshakeRejection.classify(Map.of("Handshake-Status", List.of("514")), 400).fatal());
        assertFalse(HandshakeRejection.classify(Map.of(), 500).fatal());
        assertFalse(HandshakeRejection.classify(Map.of("Handshake-Status", List.of("x")), 0).fatal());
        // without the platform's header, the HTTP status decides
        assertTrue(HandshakeRejection.classify(Map.of(), 403).fatal());
        assertTrue(HandshakeRejection.classify(Map.of("Handshake-Msg", List.of("banned")), 403).getMessage()
                .contains("banned"));
    }

    @Test
    void queryParserDecodesAndTakesTheFirstValue() {
        assertEquals("a b", Endpoint.queryParameter("x=1&device_id=a%20b&device_id=c", "device_id").orElseThrow());
        assertTrue(Endpoint.queryParameter("xdevice_id=1", "device_id").isEmpty());
        assertTrue(Endpoint.queryParameter(null, "device_id").isEmpty());
    }

    @Test
    void redactionCutsQueryStrings() {
        String s = Redaction.describe(new java.io.IOException("cannot reach wss://h/ws/v2?ticket=abc now"));
        assertEquals("IOException: cannot reach wss://h/ws/v2?… now", s);
    }
}
