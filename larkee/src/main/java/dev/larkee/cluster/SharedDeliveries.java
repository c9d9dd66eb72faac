package dev.larkee.cluster;

import dev.larkee.dispatch.DeliveryStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * De-duplication across the app's instances, on a {@link SharedMap}. A key's value is either a claim,
 * {@code F<instance>|<claimed at, epoch ms>}, or an outcome, {@code D<reply>}. Claims are taken with
 * put-if-absent, so exactly one instance runs a delivery's observers; a claim older than
 * {@link DeliveryStore#IN_FLIGHT_MS} (its instance died while handling) is taken over by
 * compare-and-replace. Entries expire {@link DeliveryStore#TTL_MS} after the first delivery (the
 * map's expiry policy).
 *
 * <p>When the grid fails, a delivery is treated as in flight elsewhere: its observers do not run
 * (a callback gets the fallback, an event is refused as busy and retried by the platform). Closed,
 * never twice.
 */
public final class SharedDeliveries implements DeliveryStore {

    private static final Logger LOG = Logger.getLogger(SharedDeliveries.class.getName());
    /** Longer keys are hashed: the grid's keys stay bounded whatever the wire sent. */
    static final int MAX_KEY_CHARS = 200;
    private static final long LOG_EVERY_MS = 60_000;

    private final SharedMap map;
    private final String prefix;
    private final String instance;
    private final LongSupplier clock;
    private final AtomicLong lastFailureLog = new AtomicLong(-LOG_EVERY_MS);

    public SharedDeliveries(SharedMap map, String appId, String instance) {
        this(map, appId, instance, System::currentTimeMillis);
    }

    SharedDeliveries(SharedMap map, String appId, String instance, LongSupplier clock) {
        this.map = map;
        this.prefix = appId + "|";
        this.instance = instance;
        this.clock = clock;
    }

    @Override
    public Claim claim(String key) {
        String k = gridKey(key);
        try {
            for (int tries = 0; tries < 3; tries++) {
                long now = clock.getAsLong();
                String mine = "F" + instance + "|" + now;
                if (map.putIfAbsent(k, mine)) {
                    return Claim.NEW;
                }
                String current = map.get(k);
                if (current == null) {
                    continue; // released or expired in between: try again
                }
                if (current.startsWith("D")) {
                    return Claim.done(current.substring(1));
                }
                if (now - claimedAt(current) < IN_FLIGHT_MS) {
                    return Claim.IN_FLIGHT;
                }
                if (map.replace(k, current, mine)) {
                    return Claim.NEW; // the claim of an instance that never finished
                }
            }
            return Claim.IN_FLIGHT;
        } catch (RuntimeException e) {
            failed("claim", e);
            return Claim.IN_FLIGHT;
        }
    }

    @Override
    public void release(String key) {
        String k = gridKey(key);
        try {
            String current = map.get(k);
            if (current != null && current.startsWith("F" + instance + "|")) {
                map.remove(k, current);
            }
        } catch (RuntimeException e) {
            failed("release", e); // the claim then lapses after IN_FLIGHT_MS
        }
    }

    @Override
    public void remember(String key, String replyJson) {
        String kept = replyJson != null && replyJson.length() <= MAX_REPLY_CHARS ? replyJson : "";
        try {
            map.put(gridKey(key), "D" + kept);
        } catch (RuntimeException e) {
            failed("remember", e);
        }
    }

    @Override
    public Optional<String> previousReply(String key) {
        try {
            String current = map.get(gridKey(key));
            return current != null && current.startsWith("D") ? Optional.of(current.substring(1)) : Optional.empty();
        } catch (RuntimeException e) {
            failed("read", e);
            return Optional.empty();
        }
    }

    @Override
    public String describe() {
        return "the data grid";
    }

    private static long claimedAt(String claim) {
        int bar = claim.lastIndexOf('|');
        try {
            return Long.parseLong(claim.substring(bar + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return 0; // unreadable: as old as can be, so it is taken over
        }
    }

    String gridKey(String key) {
        String k = prefix + key;
        if (k.length() <= MAX_KEY_CHARS) {
            return k;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(k.getBytes(StandardCharsets.UTF_8));
            return prefix.length() > 60 ? "#" + HexFormat.of().formatHex(digest) : prefix + "#" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line a minute at most: a failing grid fails every delivery. */
    private void failed(String what, RuntimeException e) {
        long now = clock.getAsLong();
        long last = lastFailureLog.get();
        if (now - last >= LOG_EVERY_MS && lastFailureLog.compareAndSet(last, now)) {
            LOG.warning("larkee: the data grid failed a de-duplication " + what + " (" + e.getClass().getSimpleName()
                    + "); deliveries are answered as in flight until it works again");
        }
    }
}
