package dev.larkee.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.larkee.dispatch.DeliveryStore;
import dev.larkee.dispatch.DeliveryStore.Seen;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two instances of one app on one shared map: the cluster's de-duplication semantics. */
class SharedDeliveriesTest {

    private final LocalMap grid = new LocalMap();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final SharedDeliveries one = new SharedDeliveries(grid, "cli_app", "instance-1", now::get);
    private final SharedDeliveries two = new SharedDeliveries(grid, "cli_app", "instance-2", now::get);

    @Test
    void aDeliveryIsClaimedOnceAcrossInstancesAndItsReplyServesTheOther() {
        assertEquals(Seen.NEW, one.claim("CardAction|e1").seen());
        assertEquals(Seen.IN_FLIGHT, two.claim("CardAction|e1").seen(), "in flight on instance 1");
        one.remember("CardAction|e1", "{\"toast\":{\"type\":\"success\",\"content\":\"ok\"}}");
        DeliveryStore.Claim again = two.claim("CardAction|e1");
        assertEquals(Seen.DONE, again.seen());
        assertEquals("{\"toast\":{\"type\":\"success\",\"content\":\"ok\"}}", again.reply(), "the first reply, on the other instance");
        assertEquals(Seen.DONE, one.claim("CardAction|e1").seen());
    }

    @Test
    void aFailedHandlingLetsARetryRunOnAnyInstance() {
        assertEquals(Seen.NEW, one.claim("PlatformEvent|e2").seen());
        two.release("PlatformEvent|e2");
        assertEquals(Seen.IN_FLIGHT, two.claim("PlatformEvent|e2").seen(), "only the claiming instance lets go");
        one.release("PlatformEvent|e2");
        assertEquals(Seen.NEW, two.claim("PlatformEvent|e2").seen(), "released: the retry runs");
    }

    @Test
    void theClaimOfAnInstanceThatDiedIsTakenOverAfterItsLease() {
        assertEquals(Seen.NEW, one.claim("PlatformEvent|e3").seen());
        now.addAndGet(DeliveryStore.IN_FLIGHT_MS - 1);
        assertEquals(Seen.IN_FLIGHT, two.claim("PlatformEvent|e3").seen());
        now.addAndGet(1);
        assertEquals(Seen.NEW, two.claim("PlatformEvent|e3").seen(), "lease over: taken over");
        one.release("PlatformEvent|e3");
        assertEquals(Seen.IN_FLIGHT, one.claim("PlatformEvent|e3").seen(), "the late release does not drop the new claim");
    }

    @Test
    void concurrentDeliveriesToBothInstancesRunTheObserversOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            AtomicInteger runs = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> all = new ArrayList<>();
            for (int id = 0; id < 200; id++) {
                String key = "CardAction|race-" + id;
                for (SharedDeliveries instance : List.of(one, two, one, two)) {
                    all.add(pool.submit(() -> {
                        go.await();
                        if (instance.claim(key).seen() == Seen.NEW) {
                            runs.incrementAndGet();
                            instance.remember(key, "{}");
                        }
                        return null;
                    }));
                }
            }
            go.countDown();
            for (Future<?> f : all) {
                f.get(10, TimeUnit.SECONDS);
            }
            assertEquals(200, runs.get(), "one run per delivery id");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keysCarryTheAppAndStayBounded() {
        SharedDeliveries otherApp = new SharedDeliveries(grid, "cli_other", "instance-3", now::get);
        assertEquals(Seen.NEW, one.claim("PlatformEvent|same").seen());
        assertEquals(Seen.NEW, otherApp.claim("PlatformEvent|same").seen(), "another app's id never collides");
        String huge = "PlatformEvent|" + "x".repeat(5000);
        assertTrue(one.gridKey(huge).length() <= SharedDeliveries.MAX_KEY_CHARS);
        assertEquals(Seen.NEW, one.claim(huge).seen());
        assertEquals(Seen.IN_FLIGHT, two.claim(huge).seen());
    }

    @Test
    void aFailingGridNeverRunsTheObservers() {
        SharedMap broken = new LocalMap() {
            @Override
            public boolean putIfAbsent(String key, String value) {
                throw new IllegalStateException("grid down");
            }
        };
        SharedDeliveries store = new SharedDeliveries(broken, "cli_app", "instance-1", now::get);
        assertEquals(Seen.IN_FLIGHT, store.claim("PlatformEvent|e4").seen(), "fail closed: busy, the platform retries");
    }

    @Test
    void oversizedRepliesAreNotKept() {
        one.claim("CardAction|big");
        one.remember("CardAction|big", "x".repeat(DeliveryStore.MAX_REPLY_CHARS + 1));
        assertEquals("", two.claim("CardAction|big").reply());
    }
}
