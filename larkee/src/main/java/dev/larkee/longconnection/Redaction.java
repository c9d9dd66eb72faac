package dev.larkee.longconnection;

import dev.larkee.dispatch.WireText;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes exception text safe to log and still useful: the whole cause chain, each link as its type
 * and message, with every URL query string (where the WebSocket URL's ticket sits) and any bare
 * {@code ticket=} value cut off, and each message escaped and bounded like any wire value.
 */
final class Redaction {

    /** Causes described at most; deeper ones are counted. */
    static final int MAX_DEPTH = 6;

    private static final Pattern QUERY = Pattern.compile("\\?\\S*");
    private static final Pattern TICKET = Pattern.compile("(?i)(ticket[\"']?\\s*[=:]\\s*[\"']?)[^\\s&,;\"']+");

    private Redaction() {
    }

    /**
     * {@code t} and its causes, outermost first: {@code Type: message <- Cause: message}, with
     * query strings replaced by {@code ?…} and ticket values by {@code …}.
     */
    static String describe(Throwable t) {
        StringBuilder out = new StringBuilder();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        int depth = 0;
        for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) {
            if (depth == MAX_DEPTH) {
                out.append(" <- …");
                break;
            }
            if (depth++ > 0) {
                out.append(" <- ");
            }
            out.append(c.getClass().getSimpleName().isEmpty() ? c.getClass().getName() : c.getClass().getSimpleName());
            String message = c.getMessage();
            if (message != null && !message.isEmpty()) {
                out.append(": ").append(WireText.forLog(redact(message)));
            }
        }
        return out.toString();
    }

    /** {@code text} without URL query strings and ticket values. */
    static String redact(String text) {
        return TICKET.matcher(QUERY.matcher(text).replaceAll("?…")).replaceAll("$1…");
    }
}
