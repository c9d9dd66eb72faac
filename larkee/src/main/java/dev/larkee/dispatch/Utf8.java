package dev.larkee.dispatch;

/**
 * Strict UTF-8, checked in place: the well-formed byte sequences of the Unicode Standard (table
 * 3-7), which is what the JDK's decoder accepts when told to report malformed input. No overlong
 * forms, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no cut-off sequence. Checking
 * without decoding keeps a copy of every body out of the heap.
 */
final class Utf8 {

    private Utf8() {
    }

    static boolean wellFormed(byte[] bytes) {
        int n = bytes.length;
        int i = 0;
        while (i < n) {
            int b = bytes[i];
            if (b >= 0) { // ASCII, the common case: one byte
                i++;
                continue;
            }
            b &= 0xFF;
            if (b < 0xC2) { // a continuation byte first, or an overlong two-byte form (C0, C1)
                return false;
            }
            if (b < 0xE0) {
                if (i + 1 >= n || !continuation(bytes[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (b < 0xF0) {
                if (i + 2 >= n) {
                    return false;
                }
                int b1 = bytes[i + 1] & 0xFF;
                if (!continuation(bytes[i + 1]) || !continuation(bytes[i + 2])
                        || (b == 0xE0 && b1 < 0xA0) // overlong
                        || (b == 0xED && b1 > 0x9F)) { // a surrogate
                    return false;
                }
                i += 3;
            } else if (b < 0xF5) {
                if (i + 3 >= n) {
                    return false;
                }
                int b1 = bytes[i + 1] & 0xFF;
                if (!continuation(bytes[i + 1]) || !continuation(bytes[i + 2]) || !continuation(bytes[i + 3])
                        || (b == 0xF0 && b1 < 0x90) // overlong
                        || (b == 0xF4 && b1 > 0x8F)) { // above U+10FFFF
                    return false;
                }
                i += 4;
            } else {
                return false; // F5..FF never start a sequence
            }
        }
        return true;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
