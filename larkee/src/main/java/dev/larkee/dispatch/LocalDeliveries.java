package dev.larkee.dispatch;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The {@link DeliveryStore} of one instance alone: its memory, bounded in count and age. Used when
 * there is no data grid to share with the app's other instances.
 *
 * <p>Why arrays and not a map of strings: every id is kept for hours, so every entry outlives the
 * young generation and the collector copies it at least once. With a map, each delivery left five
 * objects behind (the id, its bytes, the map node, the value, the order queue's node); copying them
 * was two thirds of each young collection's pause on the long connection under load, and those
 * pauses were its p99. Here an entry is a row in preallocated arrays: a 128-bit keyed hash of the
 * id, a deadline, and the reply (shared with the previous entry's when equal, as most replies are).
 * The rows form a ring in arrival order, so the oldest is forgotten first, in constant time.
 */
final class LocalDeliveries implements DeliveryStore {

    static final long TTL_NANOS = TimeUnit.MILLISECONDS.toNanos(DeliveryStore.TTL_MS);
    static final int MAX_ENTRIES = 50_000;
    /** Replies longer than this are not kept (a re-delivery then gets the empty reply): bounds memory. */
    static final int MAX_REPLY_CHARS = DeliveryStore.MAX_REPLY_CHARS;
    /** How long a claim holds without an outcome: observers still running after this lose the protection. */
    static final long IN_FLIGHT_NANOS = TimeUnit.MILLISECONDS.toNanos(DeliveryStore.IN_FLIGHT_MS);

    /** Marks a claim: an identity, never a reply. */
    private static final Object CLAIMED = new Object();
    /** A handled delivery whose reply was not kept (none, or too long): a re-delivery gets {@code ""}. */
    private static final String NOT_KEPT = "";
    /** Open addressing at most half full: short probe runs. A power of two. */
    private static final int INDEX_SIZE = Integer.highestOneBit(MAX_ENTRIES * 2 - 1) << 1;

    private final LongSupplier nanoClock;
    private final IdHash hash = new IdHash();

    // The ring: row r holds one id's hash, deadline and state. Rows in [oldest, oldest + rows) are used.
    // Made at the first id (2 MB): a store that is never used (a CDI proxy's, or one the data grid
    // replaces) costs nothing.
    private long[] hashHigh;
    private long[] hashLow;
    private long[] deadline;
    /** CLAIMED, a reply String, or null for a row whose claim was released (waiting to leave the ring). */
    private Object[] state;
    private int oldest;
    private int rows;
    private int live;
    /** Row + 1 for each id in the index; 0 is an empty slot. Linear probing, deletion by backward shift. */
    private int[] index;
    private String lastReply = NOT_KEPT;

    LocalDeliveries() {
        this(System::nanoTime);
    }

    LocalDeliveries(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized Claim claim(String id) {
        long now = nanoClock.getAsLong();
        hash.of(id);
        int row = find(hash.high, hash.low);
        if (row >= 0 && deadline[row] - now >= 0) {
            Object s = state[row];
            return s == CLAIMED ? Claim.IN_FLIGHT : Claim.done((String) s);
        }
        if (row >= 0) {
            drop(row);
        }
        add(hash.high, hash.low, now + IN_FLIGHT_NANOS, CLAIMED, now);
        return Claim.NEW;
    }

    @Override
    public synchronized void release(String id) {
        hash.of(id);
        int row = find(hash.high, hash.low);
        if (row >= 0 && state[row] == CLAIMED) {
            drop(row);
        }
    }

    @Override
    public synchronized Optional<String> previousReply(String id) {
        hash.of(id);
        int row = find(hash.high, hash.low);
        if (row < 0 || state[row] == CLAIMED || deadline[row] - nanoClock.getAsLong() < 0) {
            return Optional.empty();
        }
        return Optional.of((String) state[row]);
    }

    @Override
    public synchronized void remember(String id, String replyJson) {
        long now = nanoClock.getAsLong();
        String kept = kept(replyJson);
        hash.of(id);
        int row = find(hash.high, hash.low);
        if (row >= 0) {
            // The claim's row keeps its place in the ring: it was remembered when the delivery came.
            state[row] = kept;
            deadline[row] = now + TTL_NANOS;
        } else {
            add(hash.high, hash.low, now + TTL_NANOS, kept, now);
        }
    }

    /** The reply as kept: the previous one's instance when equal, so that repeated replies cost one row each. */
    private String kept(String replyJson) {
        if (replyJson == null || replyJson.isEmpty() || replyJson.length() > MAX_REPLY_CHARS) {
            return NOT_KEPT;
        }
        if (replyJson.equals(lastReply)) {
            return lastReply;
        }
        lastReply = replyJson;
        return replyJson;
    }

    private void add(long high, long low, long rowDeadline, Object rowState, long now) {
        if (index == null) {
            hashHigh = new long[MAX_ENTRIES];
            hashLow = new long[MAX_ENTRIES];
            deadline = new long[MAX_ENTRIES];
            state = new Object[MAX_ENTRIES];
            index = new int[INDEX_SIZE];
        }
        forgetOldest(now);
        if (rows == MAX_ENTRIES) {
            forget(oldest);
        }
        int row = (oldest + rows) % MAX_ENTRIES;
        rows++;
        live++;
        hashHigh[row] = high;
        hashLow[row] = low;
        deadline[row] = rowDeadline;
        state[row] = rowState;
        int slot = slotOf(low);
        while (index[slot] != 0) {
            slot = (slot + 1) & (INDEX_SIZE - 1);
        }
        index[slot] = row + 1;
    }

    /** Forgets expired rows at the ring's head, and released ones: a few per delivery, never a scan. */
    private void forgetOldest(long now) {
        while (rows > 0 && (state[oldest] == null || deadline[oldest] - now < 0)) {
            forget(oldest);
        }
    }

    /** Removes the ring's oldest row ({@code row == oldest}). */
    private void forget(int row) {
        if (state[row] != null) {
            drop(row);
        }
        oldest = (oldest + 1) % MAX_ENTRIES;
        rows--;
    }

    /** Takes {@code row} out of the index; its place in the ring is freed when the ring's head passes it. */
    private void drop(int row) {
        int slot = slotOf(hashLow[row]);
        while (index[slot] != row + 1) {
            slot = (slot + 1) & (INDEX_SIZE - 1);
        }
        state[row] = null;
        live--;
        // Backward-shift deletion: move later members of the probe run into the gap, so no run is broken.
        int gap = slot;
        int next = (gap + 1) & (INDEX_SIZE - 1);
        while (index[next] != 0) {
            int home = slotOf(hashLow[index[next] - 1]);
            if (((next - home) & (INDEX_SIZE - 1)) >= ((next - gap) & (INDEX_SIZE - 1))) {
                index[gap] = index[next];
                gap = next;
            }
            next = (next + 1) & (INDEX_SIZE - 1);
        }
        index[gap] = 0;
    }

    private int find(long high, long low) {
        if (index == null) {
            return -1;
        }
        int slot = slotOf(low);
        int entry;
        while ((entry = index[slot]) != 0) {
            int row = entry - 1;
            if (hashLow[row] == low && hashHigh[row] == high) {
                return row;
            }
            slot = (slot + 1) & (INDEX_SIZE - 1);
        }
        return -1;
    }

    private static int slotOf(long low) {
        return (int) low & (INDEX_SIZE - 1);
    }

    /** Ids remembered or claimed now. */
    synchronized int size() {
        return live;
    }

    @Override
    public String describe() {
        return "local memory";
    }

    /**
     * Two 64-bit hashes of an id under seeds drawn once per instance: 128 bits, so two of the 50,000
     * ids kept collide by accident with a chance below 2^-95 (ids reach the store only from deliveries
     * that passed verification, and the seeds are nowhere outside this object). Results are left in fields (one instance, used under the store's lock) so that a
     * lookup allocates nothing.
     */
    static final class IdHash {
        private static final long K1 = 0x9E3779B97F4A7C15L;
        private static final long K2 = 0xC2B2AE3D27D4EB4FL;
        private final long seedHigh;
        private final long seedLow;
        long high;
        long low;

        IdHash() {
            SecureRandom random = new SecureRandom();
            seedHigh = random.nextLong();
            seedLow = random.nextLong();
        }

        void of(String id) {
            long h = seedHigh ^ id.length();
            long l = seedLow + id.length();
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                h = Long.rotateLeft((h ^ c) * K1, 29);
                l = Long.rotateLeft((l + c) * K2, 31) ^ h;
            }
            high = mix(h ^ Long.rotateLeft(l, 17));
            low = mix(l + K1);
        }

        /** MurmurHash3's finaliser: every input bit reaches every output bit. */
        private static long mix(long x) {
            x ^= x >>> 33;
            x *= 0xFF51AFD7ED558CCDL;
            x ^= x >>> 33;
            x *= 0xC4CEB9FE1A85EC53L;
            x ^= x >>> 33;
            return x;
        }
    }
}
