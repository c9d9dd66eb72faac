package dev.larkee.simulator;

import java.time.Duration;

/**
 * The simulator's WebSocket upgrades whose HTTP requests the container is still answering. A client
 * reports "connected" as soon as it reads the 101, while Payara's upgrade request is still finishing
 * on its HTTP thread; a session closed in that window (the console's drop right after a connect)
 * makes the upgrade's flush fail, Payara's request-end event then throws (a
 * NullPointerException in {@code PECoyoteConnector.requestEndEvent}) and leaves the thread's CDI
 * request context behind, and a later request served by that HTTP thread can fail with a 500. So
 * the simulator's closes wait, bounded, until no upgrade is under way: one class for this quirk.
 */
final class UpgradesUnderWay {

    private static final Object LOCK = new Object();
    private static int underWay;

    private UpgradesUnderWay() {
    }

    static void started() {
        synchronized (LOCK) {
            underWay++;
        }
    }

    static void finished() {
        synchronized (LOCK) {
            underWay--;
            LOCK.notifyAll();
        }
    }

    /** Waits until no upgrade is under way, at most {@code max}. */
    static void awaitNone(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (LOCK) {
            long left;
            while (underWay > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    LOCK.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
