package dev.larkee.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oneObjectWithTrailingWhitespaceIsRead() throws Exception {
        assertEquals("同意", StrictJson.parse(bytes(" {\"a\":{\"b\":[1,2]},\"c\":\"同意\"}\r\n ")).getString("c"));
    }

    @Test
    void dataAfterTheObjectIsRefused() {
        assertEquals("not a well-formed JSON object",
                assertThrows(StrictJson.Refusal.class, () -> StrictJson.parse(bytes("{\"a\":1}{\"a\":2}"))).getMessage());
        assertThrows(StrictJson.Refusal.class, () -> StrictJson.parse(bytes("{\"a\":1} x")));
        assertThrows(StrictJson.Refusal.class, () -> StrictJson.parse(bytes("{\"a\":1}]")));
    }

    @Test
    void duplicateKeysAreRefusedAtAnyDepth() {
        assertEquals("duplicate key in a JSON object",
                assertThrows(StrictJson.Refusal.class, () -> StrictJson.parse(bytes("{\"a\":1,\"a\":2}"))).getMessage());
        assertThrows(StrictJson.Refusal.class,
                () -> StrictJson.parse(bytes("{\"h\":{\"token\":\"x\",\"token\":\"y\"}}")));
    }

    @Test
    void nonObjectsMalformedUtf8AndDeepNestingAreRefused() {
        assertEquals("not a JSON object", assertThrows(StrictJson.Refusal.class, () -> StrictJson.parse(bytes("[1]"))).getMessage());
        assertThrows(StrictJson.Refusal.class, () -> StrictJson.parse(bytes("")));
        assertThrows(StrictJson.Refusal.class, () -> StrictJson.parse(bytes("\"x\"")));
        assertEquals("not UTF-8", assertThrows(StrictJson.Refusal.class,
                () -> StrictJson.parse(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, '"', '}'})).getMessage());
        assertThrows(StrictJson.Refusal.class, () -> StrictJson.parse(bytes("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}")));
    }
}
