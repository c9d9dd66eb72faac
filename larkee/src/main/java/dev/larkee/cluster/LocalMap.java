package dev.larkee.cluster;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link SharedMap} shared by nobody: one instance's memory (and the unit tests' stand-in for a grid). */
public class LocalMap implements SharedMap {

    private final ConcurrentMap<String, String> map = new ConcurrentHashMap<>();

    @Override
    public boolean putIfAbsent(String key, String value) {
        return map.putIfAbsent(key, value) == null;
    }

    @Override
    public String get(String key) {
        return map.get(key);
    }

    @Override
    public boolean replace(String key, String expected, String value) {
        return map.replace(key, expected, value);
    }

    @Override
    public boolean remove(String key, String expected) {
        return map.remove(key, expected);
    }

    @Override
    public void put(String key, String value) {
        map.put(key, value);
    }

    public int size() {
        return map.size();
    }
}
