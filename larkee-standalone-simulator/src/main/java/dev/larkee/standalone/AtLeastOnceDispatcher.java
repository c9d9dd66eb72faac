package dev.larkee.standalone;

import dev.larkee.longconnection.Frame;
import dev.larkee.longconnection.FrameCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The platform's delivery of pushes over the long connection: each message goes to one random open
 * connection (cluster delivery, spec §10), and is sent again after {@code timeout} without an ack,
 * to another connection when there is one, until {@code maxAttempts} transmissions went unanswered.
 * With no connection open, messages wait (at most {@code maxWaiting} new ones) and go out when one
 * opens. A connection that closes does not lose its messages: their timeouts re-deliver them.
 *
 * <p>State is guarded by one lock; frames are sent and futures completed outside it, so neither a
 * slow socket nor a caller's callback can stall acks of other messages.
 */
final class AtLeastOnceDispatcher {

    /** Acked ids remembered to tell a duplicate ack from an unknown one. */
    static final int REMEMBERED_ACKS = 100_000;

    private final ConnectionRegistry connections;
    private final ScheduledExecutorService timers;
    private final Duration timeout;
    private final int maxAttempts;
    private final int maxWaiting;
    private final AtomicLong frameIds = new AtomicLong();

    private final Object lock = new Object();
    // All guarded by lock.
    private final Map<String, Pending> pending = new HashMap<>();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private final Map<String, Boolean> recentlyAcked = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_ACKS;
        }
    };
    private boolean closed;
    private long messages;
    private long transmissions;
    private long acked;
    private long redeliveries;
    private long duplicateAcks;
    private long unknownAcks;
    private long abandoned;

    /** A message not acknowledged yet. Guarded by {@link #lock}, except the immutable fields. */
    private static final class Pending {
        final Delivery delivery;
        final byte[] payload;
        final String traceId = UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT);
        /** When each connection it went to last got it; the keys are the connections to avoid next time. */
        final Map<String, Long> sentTo = new HashMap<>();
        long firstSentNanos;
        long lastSentNanos;
        ScheduledFuture<?> timer;
        boolean done;

        Pending(Delivery delivery, byte[] payload) {
            this.delivery = delivery;
            this.payload = payload;
        }
    }

    AtLeastOnceDispatcher(ConnectionRegistry connections, ScheduledExecutorService timers, Duration timeout,
            int maxAttempts, int maxWaiting) {
        this.connections = connections;
        this.timers = timers;
        this.timeout = timeout;
        this.maxAttempts = maxAttempts;
        this.maxWaiting = maxWaiting;
    }

    Delivery send(String type, String json) {
        return send(null, type, json);
    }

    /**
     * Like {@link #send(String, String)}, but the first transmission goes to connection {@code deviceId}
     * (re-deliveries then pick at random as usual): the same event handed to chosen clients, as when
     * the platform re-delivers it elsewhere. Refused when that connection is not open.
     */
    Delivery send(String deviceId, String type, String json) {
        if (!FrameCodec.EVENT.equals(type) && !FrameCodec.CARD.equals(type)) {
            throw new IllegalArgumentException("frame type must be \"event\" or \"card\", was " + type);
        }
        Pending p = new Pending(new Delivery(UUID.randomUUID().toString(), type), json.getBytes(StandardCharsets.UTF_8));
        Runnable transmission;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the simulator is closed");
            }
            Optional<ClientConnection> target = deviceId == null ? connections.pickRandom(p.sentTo.keySet())
                    : connections.all().stream().filter(c -> c.deviceId().equals(deviceId)).findFirst();
            if (target.isEmpty() && deviceId != null) {
                throw new IllegalArgumentException("no open connection " + deviceId);
            }
            if (target.isEmpty()) {
                if (waiting.size() >= maxWaiting) {
                    throw new IllegalStateException("no connection open and " + maxWaiting + " messages waiting already");
                }
                waiting.add(p);
                transmission = () -> { };
            } else {
                transmission = transmitLocked(p, target.get());
            }
            messages++;
            pending.put(p.delivery.messageId(), p);
        }
        transmission.run();
        return p.delivery;
    }

    /** Sends the messages that wait for a connection, now that one opened. */
    void connectionOpened() {
        List<Runnable> transmissions = new ArrayList<>();
        synchronized (lock) {
            while (!closed && !waiting.isEmpty()) {
                Pending p = waiting.peek();
                if (p.done) { // acknowledged meanwhile by a connection that was closing
                    waiting.poll();
                    continue;
                }
                Optional<ClientConnection> target = connections.pickRandom(p.sentTo.keySet());
                if (target.isEmpty()) {
                    break; // it closed again already; the next open retries
                }
                waiting.poll();
                transmissions.add(transmitLocked(p, target.get()));
            }
        }
        transmissions.forEach(Runnable::run);
    }

    /** An ack frame from {@code from}: completes its message's delivery, if it is the first. */
    void acknowledged(ClientConnection from, Frame frame) {
        String messageId = frame.header(FrameCodec.MESSAGE_ID).orElse("");
        AckPayload payload = AckPayload.parse(frame.payloadOrEmpty());
        long now = System.nanoTime();
        Pending p;
        Ack ack;
        synchronized (lock) {
            p = pending.remove(messageId);
            if (p == null) {
                if (recentlyAcked.containsKey(messageId)) {
                    duplicateAcks++;
                } else {
                    unknownAcks++;
                }
                return;
            }
            p.done = true;
            if (p.timer != null) {
                p.timer.cancel(false);
            }
            acked++;
            recentlyAcked.put(messageId, Boolean.TRUE);
            long sentToThis = p.sentTo.getOrDefault(from.deviceId(), p.lastSentNanos);
            ack = new Ack(messageId, from.deviceId(), payload.code(), payload.reply(), Duration.ofNanos(now - sentToThis),
                    Duration.ofNanos(now - p.firstSentNanos), p.delivery.attempts());
        }
        p.delivery.acknowledged(ack);
    }

    DeliveryStats stats() {
        synchronized (lock) {
            return new DeliveryStats(messages, transmissions, acked, redeliveries, duplicateAcks, unknownAcks,
                    pending.size(), waiting.size(), abandoned);
        }
    }

    /** Fails every unacknowledged delivery; later sends are refused. */
    void close() {
        List<Pending> left;
        synchronized (lock) {
            closed = true;
            left = new ArrayList<>(pending.values());
            pending.clear();
            waiting.clear();
            left.forEach(p -> {
                p.done = true;
                if (p.timer != null) {
                    p.timer.cancel(false);
                }
            });
        }
        left.forEach(p -> p.delivery.failed(new IllegalStateException("the simulator closed before an ack")));
    }

    /** Records one transmission of {@code p} to {@code target} and returns the send, to run outside the lock. */
    private Runnable transmitLocked(Pending p, ClientConnection target) {
        int attempt = p.delivery.countAttempt();
        long now = System.nanoTime();
        if (attempt == 1) {
            p.firstSentNanos = now;
        } else {
            redeliveries++;
        }
        transmissions++;
        p.lastSentNanos = now;
        p.sentTo.put(target.deviceId(), now);
        p.timer = timers.schedule(() -> timedOut(p, attempt), timeout.toNanos(), TimeUnit.NANOSECONDS);
        target.countDelivery();
        Frame frame = DataFrames.whole(frameIds.incrementAndGet(), target.serviceId(), p.delivery.type(),
                p.delivery.messageId(), p.traceId, p.payload);
        return () -> target.send(FrameCodec.encode(frame));
    }

    /** No ack within the timeout of transmission {@code attempt}: send again, or give up after the last. */
    private void timedOut(Pending p, int attempt) {
        Runnable transmission;
        synchronized (lock) {
            if (closed || p.done || p.delivery.attempts() != attempt) {
                return;
            }
            if (attempt >= maxAttempts) {
                p.done = true;
                pending.remove(p.delivery.messageId());
                abandoned++;
                transmission = null;
            } else {
                Optional<ClientConnection> target = connections.pickRandom(p.sentTo.keySet());
                if (target.isEmpty()) {
                    waiting.add(p); // a re-delivery is never refused: it counts against no bound but maxAttempts
                    return;
                }
                transmission = transmitLocked(p, target.get());
            }
        }
        if (transmission == null) {
            p.delivery.failed(new TimeoutException("no ack for message " + p.delivery.messageId() + " after "
                    + attempt + " transmissions, " + timeout.toMillis() + " ms each"));
        } else {
            transmission.run();
        }
    }
}
