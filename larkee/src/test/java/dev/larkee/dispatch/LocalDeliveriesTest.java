package dev.larkee.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The array store against a plain model of the same rules (a ring of rows in arrival order, the oldest
 * forgotten first, deadlines for claims and outcomes), over random operations that fill it past its
 * bound, let claims and outcomes expire, and release claims: every answer must agree.
 */
class LocalDeliveriesTest {

    private long now = 1_000_000L;

    /** The rules, written with collections. */
    private static final class Model {
        static final String CLAIMED = "\0claimed";

        static final class Row {
            final String id;
            String state;
            long deadline;
            boolean dead;

            Row(String id, String state, long deadline) {
                this.id = id;
                this.state = state;
                this.deadline = deadline;
            }
        }

        final ArrayDeque<Row> ring = new ArrayDeque<>();
        final Map<String, Row> live = new HashMap<>();
        String lastReply = "";

        DeliveryStore.Claim claim(String id, long now) {
            Row r = live.get(id);
            if (r != null && r.deadline - now >= 0) {
                return r.state == CLAIMED ? DeliveryStore.Claim.IN_FLIGHT : DeliveryStore.Claim.done(r.state);
            }
            if (r != null) {
                kill(r);
            }
            add(id, CLAIMED, now + LocalDeliveries.IN_FLIGHT_NANOS, now);
            return DeliveryStore.Claim.NEW;
        }

        void release(String id) {
            Row r = live.get(id);
            if (r != null && r.state == CLAIMED) {
                kill(r);
            }
        }

        void remember(String id, String reply, long now) {
            String kept = reply == null || reply.length() > LocalDeliveries.MAX_REPLY_CHARS ? "" : reply;
            Row r = live.get(id);
            if (r != null) {
                r.state = kept;
                r.deadline = now + LocalDeliveries.TTL_NANOS;
            } else {
                add(id, kept, now + LocalDeliveries.TTL_NANOS, now);
            }
        }

        Optional<String> previousReply(String id, long now) {
            Row r = live.get(id);
            return r == null || r.state == CLAIMED || r.deadline - now < 0 ? Optional.empty() : Optional.of(r.state);
        }

        private void kill(Row r) {
            r.dead = true;
            live.remove(r.id);
        }

        private void add(String id, String state, long deadline, long now) {
            while (!ring.isEmpty() && (ring.peek().dead || ring.peek().deadline - now < 0)) {
                forgetOldest();
            }
            if (ring.size() == LocalDeliveries.MAX_ENTRIES) {
                forgetOldest();
            }
            Row r = new Row(id, state, deadline);
            ring.add(r);
            live.put(id, r);
        }

        private void forgetOldest() {
            Row r = ring.poll();
            if (!r.dead) {
                live.remove(r.id);
            }
        }
    }

    @Test
    void agreesWithTheModelThroughFloodsExpiriesAndReleases() {
        LocalDeliveries store = new LocalDeliveries(() -> now);
        Model model = new Model();
        Random random = new Random(11);
        int keys = LocalDeliveries.MAX_ENTRIES * 3 / 2;
        String[] replies = {"{}", "{\"toast\":{\"type\":\"success\"}}", "", "x".repeat(LocalDeliveries.MAX_REPLY_CHARS + 1)};
        for (int step = 0; step < 400_000; step++) {
            String id = "app|CardAction|card.action.trigger|e" + random.nextInt(keys);
            int op = random.nextInt(100);
            if (op < 45) {
                assertEquals(model.claim(id, now), store.claim(id), "claim " + id + " at step " + step);
            } else if (op < 55) {
                model.release(id);
                store.release(id);
            } else if (op < 85) {
                String reply = replies[random.nextInt(replies.length)];
                model.remember(id, reply, now);
                store.remember(id, reply);
            } else {
                assertEquals(model.previousReply(id, now), store.previousReply(id), "reply of " + id + " at step " + step);
            }
            assertEquals(model.live.size(), store.size(), "ids kept at step " + step);
            // Time moves mostly in small steps; now and then past a claim's lease or an outcome's lifetime.
            int jump = random.nextInt(20_000);
            now += jump == 0 ? LocalDeliveries.TTL_NANOS : jump == 1 ? LocalDeliveries.IN_FLIGHT_NANOS : random.nextInt(1000);
        }
    }

    @Test
    void aClaimLapsesAfterItsLeaseAndAnOutcomeAfterItsLifetime() {
        LocalDeliveries store = new LocalDeliveries(() -> now);
        assertEquals(DeliveryStore.Seen.NEW, store.claim("a").seen());
        now += LocalDeliveries.IN_FLIGHT_NANOS - 1;
        assertEquals(DeliveryStore.Seen.IN_FLIGHT, store.claim("a").seen());
        now += 2;
        assertEquals(DeliveryStore.Seen.NEW, store.claim("a").seen(), "a dead handler's claim is taken over");
        store.remember("a", "{}");
        now += LocalDeliveries.TTL_NANOS;
        assertEquals("{}", store.claim("a").reply());
        now += 1;
        assertEquals(Optional.empty(), store.previousReply("a"));
        assertEquals(DeliveryStore.Seen.NEW, store.claim("a").seen(), "forgotten after its lifetime");
    }

    @Test
    void differentIdsNeverShareARow() {
        LocalDeliveries.IdHash hash = new LocalDeliveries.IdHash();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            String id = "app|Event|im.message.receive_v1|" + i;
            hash.of(id);
            String previous = seen.put(hash.high + ":" + hash.low, id);
            assertEquals(null, previous, id);
        }
    }
}
