package dev.larkee.cluster;

/**
 * The few atomic operations larkee needs from a map its instances share: what a JCache offers, and
 * what a {@link java.util.concurrent.ConcurrentMap} offers for one instance alone. Keys and values
 * are strings, so nothing of larkee's classes has to travel through the grid.
 */
public interface SharedMap {

    /** Puts {@code value} when {@code key} has none; true when it did. */
    boolean putIfAbsent(String key, String value);

    /** The value, or null. */
    String get(String key);

    /** Replaces {@code expected} with {@code value}; true when the key still held {@code expected}. */
    boolean replace(String key, String expected, String value);

    /** Removes {@code key} if it still holds {@code expected}. */
    boolean remove(String key, String expected);

    void put(String key, String value);
}
