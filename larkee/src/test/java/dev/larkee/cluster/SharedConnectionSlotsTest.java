package dev.larkee.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Three instances of one connection each under a cap of 2. */
class SharedConnectionSlotsTest {

    private final LocalMap grid = new LocalMap();
    private final AtomicLong now = new AtomicLong(5_000_000);

    private SharedConnectionSlots instance(String name) {
        return new SharedConnectionSlots(grid, "cli_app", name, 2, now::get);
    }

    @Test
    void twoConnectAndTheThirdStandsByUntilOneStops() {
        SharedConnectionSlots a = instance("a");
        SharedConnectionSlots b = instance("b");
        SharedConnectionSlots c = instance("c");
        assertTrue(a.hold(1));
        assertTrue(b.hold(1));
        assertFalse(c.hold(1), "the cap of 2 is reached");
        assertTrue(a.hold(1), "a holder keeps its slot when it reconnects");
        assertEquals(1, a.held());
        a.release(1);
        assertTrue(c.hold(1), "a stopped instance's slot is free at once");
        assertFalse(a.hold(1), "and a can no longer take one");
    }

    @Test
    void aSlotNotRenewedForALeaseIsTakenOverAndItsOldHolderIsTold() {
        SharedConnectionSlots a = instance("a");
        SharedConnectionSlots b = instance("b");
        SharedConnectionSlots c = instance("c");
        assertTrue(a.hold(1));
        assertTrue(b.hold(1));
        now.addAndGet(SharedConnectionSlots.RENEW_MS);
        b.renewAll(i -> { });
        now.addAndGet(SharedConnectionSlots.LEASE_MS - SharedConnectionSlots.RENEW_MS - 1);
        assertFalse(c.hold(1), "a's lease is not over yet");
        now.addAndGet(1);
        assertTrue(c.hold(1), "a went silent for a lease (died): its slot is taken");
        List<Integer> lost = new ArrayList<>();
        a.renewAll(lost::add);
        assertEquals(List.of(1), lost, "a, back from its pause, learns its connection must stand by");
        assertEquals(0, a.held());
        List<Integer> kept = new ArrayList<>();
        b.renewAll(kept::add);
        assertEquals(List.of(), kept, "b renewed in time and keeps its slot");
    }

    @Test
    void oneInstanceWithMoreConnectionsThanTheCapHoldsOnlyTheCap() {
        SharedConnectionSlots a = instance("a");
        assertTrue(a.hold(1));
        assertTrue(a.hold(2));
        assertFalse(a.hold(3));
        assertEquals(2, a.held());
    }
}
