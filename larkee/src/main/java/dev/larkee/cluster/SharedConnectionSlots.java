package dev.larkee.cluster;

import dev.larkee.longconnection.ConnectionSlots;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The app's connection cap across its instances, on a {@link SharedMap}: slot {@code n} of the app
 * is the key {@code <app>#slot<n>}, its value {@code <instance>/<connection>|<renewed at, epoch ms>}.
 * A slot is taken with put-if-absent and renewed (compare-and-replace) every {@link #RENEW_MS}; one
 * not renewed for {@link #LEASE_MS} belonged to an instance that died, and is taken over. A stopping
 * instance removes its slots at once, so a standby instance takes them at its next check.
 */
public final class SharedConnectionSlots implements ConnectionSlots {

    private static final Logger LOG = Logger.getLogger(SharedConnectionSlots.class.getName());
    /** A slot nobody renewed for this long is free. */
    public static final long LEASE_MS = 15_000;
    /** How often held slots are renewed: three chances within a lease. */
    public static final long RENEW_MS = LEASE_MS / 3;

    private final SharedMap map;
    private final String app;
    private final String instance;
    private final int cap;
    private final LongSupplier clock;
    /** Connection index to the slot key and the value this instance last wrote there. */
    private final Map<Integer, Held> held = new ConcurrentHashMap<>();

    private record Held(String key, String value) {
    }

    public SharedConnectionSlots(SharedMap map, String appId, String instance, int cap) {
        this(map, appId, instance, cap, System::currentTimeMillis);
    }

    SharedConnectionSlots(SharedMap map, String appId, String instance, int cap, LongSupplier clock) {
        this.map = map;
        this.app = appId;
        this.instance = instance;
        this.cap = cap;
        this.clock = clock;
    }

    @Override
    public synchronized boolean hold(int index) {
        try {
            Held mine = held.get(index);
            if (mine != null && renew(index, mine)) {
                return true;
            }
            String value = value(index);
            for (int n = 0; n < cap; n++) {
                String key = app + "#slot" + n;
                if (map.putIfAbsent(key, value)) {
                    held.put(index, new Held(key, value));
                    return true;
                }
                String current = map.get(key);
                if (current != null && clock.getAsLong() - renewedAt(current) >= LEASE_MS
                        && map.replace(key, current, value)) {
                    held.put(index, new Held(key, value));
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            LOG.warning(() -> "larkee: the data grid failed while taking a connection slot (" + e.getClass().getSimpleName()
                    + "); standing by");
            return false;
        }
    }

    /**
     * Renews every held slot; calls {@code lost} with the connection of each slot another instance
     * took meanwhile (this one was silent for a lease: a long pause, or the grid split).
     */
    public synchronized void renewAll(IntConsumer lost) {
        for (Map.Entry<Integer, Held> e : Map.copyOf(held).entrySet()) {
            boolean kept;
            try {
                kept = renew(e.getKey(), e.getValue());
            } catch (RuntimeException failure) {
                kept = true; // cannot tell: keep the connection; the lease decides once the grid answers
            }
            if (!kept) {
                LOG.warning(() -> "larkee: long connection #" + e.getKey() + " lost its slot of the app's cap to another "
                        + "instance; it stands by");
                lost.accept(e.getKey());
            }
        }
    }

    private boolean renew(int index, Held mine) {
        String next = value(index);
        if (map.replace(mine.key(), mine.value(), next)) {
            held.put(index, new Held(mine.key(), next));
            return true;
        }
        held.remove(index);
        return false;
    }

    @Override
    public synchronized void release(int index) {
        Held mine = held.remove(index);
        if (mine != null) {
            try {
                if (!map.remove(mine.key(), mine.value())) {
                    LOG.info(() -> "larkee: long connection #" + index + "'s slot was no longer its own");
                }
            } catch (RuntimeException e) {
                LOG.warning(() -> "larkee: long connection #" + index + "'s slot could not be let go ("
                        + e.getClass().getSimpleName() + "); it lapses after " + LEASE_MS + " ms");
            }
        }
    }

    @Override
    public int cap() {
        return cap;
    }

    @Override
    public int held() {
        return held.size();
    }

    @Override
    public String describe() {
        return "the data grid";
    }

    private String value(int index) {
        return instance + "/" + index + "|" + clock.getAsLong();
    }

    private static long renewedAt(String value) {
        try {
            return Long.parseLong(value.substring(value.lastIndexOf('|') + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return 0;
        }
    }
}
