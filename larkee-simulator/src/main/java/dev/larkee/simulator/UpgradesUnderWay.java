package dev.larkee.simulator;

import java.time.Duration;

/**
 * The simulator's WebSocket upgrades whose HTTP requests the container is still answering. A client
 * reports "connected" as soon as it reads the 101, while Payara's upgrade request is still finishing
 * on its HTTP thread. When the console's drop came in that window, Payara closed the connection under
 * the upgrade ("Locally closed": most likely the client's answer to the close's ping arriving before
 * the upgrade was done), the upgrade's flush failed, Payara's request-end event threw (a
 * NullPointerException in {@code PECoyoteConnector.requestEndEvent}) and left the HTTP thread's CDI
 * request context behind, and the next request that thread served could fail with a 500. So a close
 * waits, bounded, until no upgrade is under way before it pings: one class for this quirk.
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
