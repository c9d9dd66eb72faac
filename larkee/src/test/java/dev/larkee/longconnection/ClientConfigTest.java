package dev.larkee.longconnection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientConfigTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void mergesPresentSaneKeys() {
        ClientConfig.Merge m = ClientConfig.DEFAULTS.merge(json("{\"PingInterval\":5,\"ReconnectNonce\":0}"));
        assertEquals(new ClientConfig(5, -1, 120, 0), m.config());
        assertTrue(m.rejected().isEmpty());
    }

    @Test
    void missingZeroNegativeOrWrongTypeKeepTheOldValue() {
        ClientConfig.Merge m = ClientConfig.DEFAULTS.merge(json(
                "{\"PingInterval\":0,\"ReconnectInterval\":-3,\"ReconnectNonce\":\"7\",\"ReconnectCount\":1.5}"));
        assertEquals(ClientConfig.DEFAULTS, m.config());
        assertEquals(4, m.rejected().size());
        assertEquals(ClientConfig.DEFAULTS, ClientConfig.DEFAULTS.merge(json("{}")).config());
        assertEquals(ClientConfig.DEFAULTS,
                ClientConfig.DEFAULTS.merge(json("{\"PingInterval\":601,\"ReconnectNonce\":99999999999999}")).config());
    }

    @Test
    void negativeCountMeansUnlimited() {
        assertEquals(-1, ClientConfig.DEFAULTS.merge(json("{\"ReconnectCount\":-5}")).config().reconnectCount());
        assertEquals(3, ClientConfig.DEFAULTS.merge(json("{\"ReconnectCount\":3}")).config().reconnectCount());
    }

    @Test
    void parsesOnlyJsonObjects() {
        assertTrue(ClientConfig.parse("[1]".getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertTrue(ClientConfig.parse("{".getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertTrue(ClientConfig.parse("{\"PingInterval\":3}".getBytes(StandardCharsets.UTF_8)).isPresent());
    }

    @Test
    void writesAllFourKeysInTheSpecOrder() {
        assertEquals("{\"PingInterval\":120,\"ReconnectCount\":-1,\"ReconnectInterval\":120,\"ReconnectNonce\":30}",
                ClientConfig.DEFAULTS.toJson().toString());
        assertEquals(List.of(), ClientConfig.DEFAULTS.merge(ClientConfig.DEFAULTS.toJson()).rejected());
    }
}
