package dev.larkee.dispatch;

import java.io.Reader;

/**
 * Characters of bytes that {@link Utf8#wellFormed} accepted, decoded straight into the reader's
 * buffer. A JSON-P parser given an {@code InputStream} wraps it in an {@code InputStreamReader},
 * whose decoder allocates an 8 KiB buffer per parser: on the long connection that was a quarter of
 * everything the server allocated per callback, and so of its collections.
 */
final class Utf8Reader extends Reader {

    private final byte[] bytes;
    private int next;
    /** The low half of a surrogate pair whose high half filled the caller's last slot; 0 when none. */
    private char pendingLow;

    /** {@code bytes} must be well-formed UTF-8 ({@link Utf8#wellFormed}); nothing is checked here. */
    Utf8Reader(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read(char[] into, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int out = offset;
        int end = offset + length;
        if (pendingLow != 0) {
            into[out++] = pendingLow;
            pendingLow = 0;
        }
        byte[] in = bytes;
        int i = next;
        while (out < end && i < in.length) {
            int b = in[i];
            if (b >= 0) {
                into[out++] = (char) b;
                i++;
            } else if ((b & 0xE0) == 0xC0) {
                into[out++] = (char) (((b & 0x1F) << 6) | (in[i + 1] & 0x3F));
                i += 2;
            } else if ((b & 0xF0) == 0xE0) {
                into[out++] = (char) (((b & 0x0F) << 12) | ((in[i + 1] & 0x3F) << 6) | (in[i + 2] & 0x3F));
                i += 3;
            } else {
                int codePoint = ((b & 0x07) << 18) | ((in[i + 1] & 0x3F) << 12) | ((in[i + 2] & 0x3F) << 6)
                        | (in[i + 3] & 0x3F);
                i += 4;
                into[out++] = Character.highSurrogate(codePoint);
                char low = Character.lowSurrogate(codePoint);
                if (out < end) {
                    into[out++] = low;
                } else {
                    pendingLow = low;
                }
            }
        }
        next = i;
        int read = out - offset;
        return read == 0 ? -1 : read;
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
