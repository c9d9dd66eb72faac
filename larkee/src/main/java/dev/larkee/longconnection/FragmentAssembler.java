package dev.larkee.longconnection;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Reassembles fragmented data messages (spec §7.1, §13.5), keyed by {@code message_id}. Bounded
 * in every direction, unlike the official SDKs: at most {@link #MAX_FRAGMENTS} fragments per
 * message, {@link #MAX_MESSAGE_BYTES} per reassembled message (the platform's own limit, and what
 * one frame may carry: see {@code TyrusSupport}), message ids of at most
 * {@link #MAX_MESSAGE_ID_CHARS} characters, {@code maxMessages} partial messages, {@code maxBytes}
 * buffered bytes in total, and each partial message lives at most {@code ttl} from its first
 * fragment. A duplicate fragment is
 * ignored; a completed message is removed at once, so a re-sent message is assembled (and
 * dispatched) once per sending, never once per fragment. Thread-safe.
 */
public final class FragmentAssembler {

    /** The largest accepted {@code sum}. */
    public static final int MAX_FRAGMENTS = 64;

    /** The largest reassembled message: the platform's limit, 16 MiB. */
    public static final int MAX_MESSAGE_BYTES = 16 << 20;

    /** The longest {@code message_id} kept as a key (the platform's are UUID-like, well under this). */
    public static final int MAX_MESSAGE_ID_CHARS = 256;

    /** Defaults: 256 partial messages, 16 MiB buffered (one largest message), 10 s time to live. */
    public static final int DEFAULT_MAX_MESSAGES = 256;
    public static final long DEFAULT_MAX_BYTES = MAX_MESSAGE_BYTES;
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);

    /** What one fragment did. */
    public enum Status {
        /** The message is complete: {@link Result#payload()} holds it. */
        COMPLETE,
        /** Stored; more fragments are needed. */
        PENDING,
        /** This fragment was already stored. */
        DUPLICATE,
        /** Invalid or over a bound: {@link Result#reason()} says why; partial data of that message is dropped. */
        REJECTED
    }

    /** The result of {@link #accept}. */
    public record Result(Status status, byte[] payload, String reason) {
        static final Result PENDING = new Result(Status.PENDING, null, "");
        static final Result DUPLICATE = new Result(Status.DUPLICATE, null, "");

        static Result rejected(String reason) {
            return new Result(Status.REJECTED, null, reason);
        }
    }

    private final int maxMessages;
    private final long maxBytes;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    // Insertion order = age order, so expiry looks only at the head.
    private final Map<String, Partial> partials = new LinkedHashMap<>();
    private long bufferedBytes;

    public FragmentAssembler() {
        this(DEFAULT_MAX_MESSAGES, DEFAULT_MAX_BYTES, DEFAULT_TTL, System::nanoTime);
    }

    /** For tests: explicit bounds and clock ({@link System#nanoTime()}-like). */
    public FragmentAssembler(int maxMessages, long maxBytes, Duration ttl, LongSupplier nanoClock) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Takes fragment {@code seq} of {@code sum} of message {@code messageId}. */
    public synchronized Result accept(String messageId, int sum, int seq, byte[] fragment) {
        long now = nanoClock.getAsLong();
        expire(now);
        if (sum < 1 || sum > MAX_FRAGMENTS) {
            return reject(messageId, "sum " + sum + " outside 1.." + MAX_FRAGMENTS);
        }
        if (seq < 0 || seq >= sum) {
            return reject(messageId, "seq " + seq + " outside 0.." + (sum - 1));
        }
        if (sum == 1) {
            return fragment.length > MAX_MESSAGE_BYTES
                    ? Result.rejected("message of " + fragment.length + " bytes, over " + MAX_MESSAGE_BYTES)
                    : new Result(Status.COMPLETE, fragment, "");
        }
        if (messageId.isEmpty()) {
            return Result.rejected("fragment without message_id");
        }
        if (messageId.length() > MAX_MESSAGE_ID_CHARS) {
            return Result.rejected("message_id longer than " + MAX_MESSAGE_ID_CHARS + " characters");
        }
        Partial p = partials.get(messageId);
        if (p == null) {
            if (partials.size() >= maxMessages) {
                return Result.rejected("more than " + maxMessages + " partial messages buffered");
            }
            p = new Partial(sum, now);
            partials.put(messageId, p);
        } else if (p.parts.length != sum) {
            return reject(messageId, "sum changed from " + p.parts.length + " to " + sum);
        }
        if (p.parts[seq] != null) {
            return Result.DUPLICATE;
        }
        if (p.bytes + fragment.length > MAX_MESSAGE_BYTES) {
            return reject(messageId, "message over " + MAX_MESSAGE_BYTES + " bytes");
        }
        if (bufferedBytes + fragment.length > maxBytes) {
            return reject(messageId, "more than " + maxBytes + " bytes of fragments buffered");
        }
        p.parts[seq] = fragment;
        p.received++;
        p.bytes += fragment.length;
        bufferedBytes += fragment.length;
        if (p.received < sum) {
            return Result.PENDING;
        }
        remove(messageId);
        ByteArrayOutputStream whole = new ByteArrayOutputStream((int) p.bytes);
        for (byte[] part : p.parts) {
            whole.writeBytes(part);
        }
        return new Result(Status.COMPLETE, whole.toByteArray(), "");
    }

    /** Drops partial messages older than the TTL; also called on every {@link #accept}. */
    public synchronized int expire() {
        return expire(nanoClock.getAsLong());
    }

    /** Partial messages held now. */
    public synchronized int pending() {
        return partials.size();
    }

    /** Bytes held now. */
    public synchronized long bufferedBytes() {
        return bufferedBytes;
    }

    private int expire(long now) {
        int dropped = 0;
        for (Iterator<Partial> it = partials.values().iterator(); it.hasNext();) {
            Partial p = it.next();
            if (now - p.firstNanos < ttlNanos) {
                break;
            }
            bufferedBytes -= p.bytes;
            it.remove();
            dropped++;
        }
        return dropped;
    }

    private Result reject(String messageId, String reason) {
        remove(messageId);
        return Result.rejected(reason);
    }

    private void remove(String messageId) {
        Partial p = partials.remove(messageId);
        if (p != null) {
            bufferedBytes -= p.bytes;
        }
    }

    private static final class Partial {
        final byte[][] parts;
        final long firstNanos;
        int received;
        long bytes;

        Partial(int sum, long firstNanos) {
            this.parts = new byte[sum][];
            this.firstNanos = firstNanos;
        }
    }
}
