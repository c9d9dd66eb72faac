package dev.larkee.standalone;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * The app's open connections, with the platform's choice of one at random for each message, and
 * a wait for a number of them that wakes on every change (no polling).
 */
final class ConnectionRegistry {

    private final Object monitor = new Object();
    private final Map<String, ClientConnection> open = new LinkedHashMap<>(); // guarded by monitor

    /** Adds {@code c} unless {@code max} are open already. */
    boolean add(ClientConnection c, int max) {
        synchronized (monitor) {
            if (open.size() >= max) {
                return false;
            }
            open.put(c.deviceId(), c);
            monitor.notifyAll();
            return true;
        }
    }

    void remove(ClientConnection c) {
        synchronized (monitor) {
            open.remove(c.deviceId(), c);
            monitor.notifyAll();
        }
    }

    int size() {
        synchronized (monitor) {
            return open.size();
        }
    }

    /**
     * One connection chosen uniformly at random among those not in {@code avoid}; among all of them
     * when every one is to be avoided; empty when none is open. Avoiding the connections that let a
     * message time out sends its re-delivery to another instance whenever there is one.
     */
    Optional<ClientConnection> pickRandom(Set<String> avoid) {
        synchronized (monitor) {
            if (open.isEmpty()) {
                return Optional.empty();
            }
            List<ClientConnection> candidates = new ArrayList<>(open.size());
            for (ClientConnection c : open.values()) {
                if (!avoid.contains(c.deviceId())) {
                    candidates.add(c);
                }
            }
            if (candidates.isEmpty()) {
                candidates.addAll(open.values());
            }
            return Optional.of(candidates.get(ThreadLocalRandom.current().nextInt(candidates.size())));
        }
    }

    List<ClientConnection> all() {
        synchronized (monitor) {
            return List.copyOf(open.values());
        }
    }

    List<ConnectionInfo> infos() {
        synchronized (monitor) {
            return open.values().stream().map(ClientConnection::info).toList();
        }
    }

    /** Waits until the number open satisfies {@code condition}; false when {@code timeout} passed first. */
    boolean await(IntPredicate condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (!condition.test(open.size())) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, remaining);
            }
            return true;
        }
    }
}
