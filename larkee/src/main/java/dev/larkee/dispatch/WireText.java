package dev.larkee.dispatch;

/**
 * Text that came off the wire (event types, ids, message ids, header values), made safe to put in a
 * log line: control characters (CR, LF, tabs, C1, the line and paragraph separators) become
 * {@code \\uXXXX} escapes, so a value can never forge a log record, and the value is cut to
 * {@value #MAX_CHARS} characters, so it can never flood the log. Pure.
 */
public final class WireText {

    /** The most characters of one wire value a log line carries. */
    public static final int MAX_CHARS = 128;

    private WireText() {
    }

    /** {@code value} escaped and bounded for a log line; {@code "(none)"} for null. */
    public static String forLog(String value) {
        if (value == null) {
            return "(none)";
        }
        int shown = Math.min(value.length(), MAX_CHARS);
        StringBuilder out = null;
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (needsEscape(c)) {
                if (out == null) {
                    out = new StringBuilder(shown + 16).append(value, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        String safe = out == null ? value.substring(0, shown) : out.toString();
        return value.length() > shown ? safe + "…(" + value.length() + " chars)" : safe;
    }

    private static boolean needsEscape(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085'
                || Character.getType(c) == Character.FORMAT;
    }
}
