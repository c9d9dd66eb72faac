package dev.larkee.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reader yields exactly the JDK's decoding of well-formed UTF-8, whatever the caller's buffer size. */
class Utf8ReaderTest {

    private static String readAll(byte[] bytes, int bufferSize) {
        Utf8Reader reader = new Utf8Reader(bytes);
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[bufferSize];
        int n;
        while ((n = reader.read(buffer, 0, bufferSize)) != -1) {
            assertTrue(n > 0, "a read returns characters or the end");
            text.append(buffer, 0, n);
        }
        return text.toString();
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(5)) {
                case 0 -> random.nextInt(0x80); // one byte
                case 1 -> 0x80 + random.nextInt(0x800 - 0x80); // two
                case 2 -> 0x800 + random.nextInt(0xD800 - 0x800); // three, below the surrogates
                case 3 -> 0xE000 + random.nextInt(0x10000 - 0xE000); // three, above them
                default -> 0x10000 + random.nextInt(0x110000 - 0x10000); // four: a surrogate pair
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    @Test
    void decodesEveryFormWithAnyBufferSize() {
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            String text = randomText(random);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertTrue(Utf8.wellFormed(bytes));
            for (int size : new int[] {1, 2, 3, 5, 8192}) {
                assertEquals(text, readAll(bytes, size), () -> "buffer of " + size);
            }
        }
    }

    @Test
    void aPairSplitAcrossReadsComesWhole() {
        byte[] bytes = "a\uD83D\uDE00b".getBytes(StandardCharsets.UTF_8);
        Utf8Reader reader = new Utf8Reader(bytes);
        char[] two = new char[2];
        assertEquals(2, reader.read(two, 0, 2));
        assertEquals("a\uD83D", new String(two));
        assertEquals(2, reader.read(two, 0, 2));
        assertEquals("\uDE00b", new String(two));
        assertEquals(-1, reader.read(two, 0, 2));
        assertEquals("", readAll(new byte[0], 4));
    }
}
