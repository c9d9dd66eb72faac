package dev.larkee.longconnection;

import java.util.regex.Pattern;

/** Makes exception text safe to log: a URL's query string (where the ticket sits) is cut off. */
final class Redaction {

    private static final Pattern QUERY = Pattern.compile("\\?\\S*");

    private Redaction() {
    }

    /** The class and message of {@code t} with every query string replaced by {@code ?…}. */
    static String describe(Throwable t) {
        String message = t.getMessage();
        String name = t.getClass().getSimpleName();
        return message == null ? name : name + ": " + QUERY.matcher(message).replaceAll("?…");
    }
}
