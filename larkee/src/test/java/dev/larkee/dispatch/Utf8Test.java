package dev.larkee.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The in-place check accepts exactly what the JDK's strict decoder accepts. */
class Utf8Test {

    private static boolean jdk(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void edgesOfEveryForm() {
        String[] cases = {"", "41", "7f", "80", "bf", "c0 80", "c1 bf", "c2 80", "df bf", "df", "e0 80 80", "e0 9f bf",
                "e0 a0 80", "ed 9f bf", "ed a0 80", "ed bf bf", "ee 80 80", "ef bf bf", "ef bf", "f0 80 80 80",
                "f0 8f bf bf", "f0 90 80 80", "f4 8f bf bf", "f4 90 80 80", "f5 80 80 80", "ff", "fe", "e2 82",
                "f0 9f 98", "f0 9f 98 80", "c3 a9 41", "41 c3", "e4 bd a0 e5 a5 bd", "ef bb bf 7b 7d"};
        for (String c : cases) {
            byte[] bytes = HexFormat.of().parseHex(c.replace(" ", ""));
            assertEquals(jdk(bytes), Utf8.wellFormed(bytes), c);
        }
    }

    @Test
    void agreesWithTheJdkOnRandomBytes() {
        Random random = new Random(42);
        for (int round = 0; round < 200_000; round++) {
            byte[] bytes = new byte[random.nextInt(8)];
            for (int i = 0; i < bytes.length; i++) {
                // Mostly bytes that start or continue multi-byte sequences: that is where the rules are.
                bytes[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(128) : 0x80 + random.nextInt(128));
            }
            assertEquals(jdk(bytes), Utf8.wellFormed(bytes), () -> HexFormat.of().formatHex(bytes));
        }
    }
}
