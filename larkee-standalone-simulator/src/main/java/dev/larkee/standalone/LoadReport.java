package dev.larkee.standalone;

import java.time.Duration;
import java.util.Locale;

/**
 * The result of a {@link LoadRun}.
 *
 * @param sent          messages sent
 * @param acked         messages acknowledged
 * @param lost          messages never acknowledged (given up, or still open when the run stopped waiting)
 * @param redeliveries  re-transmissions during the run
 * @param duplicateAcks acks for messages already acknowledged, during the run
 * @param elapsed       from the first send to the last ack (or to the end of the wait)
 * @param acksPerSecond acked / elapsed
 * @param p50           median time from a message's first send to its ack
 * @param p99           99th percentile of the same
 * @param max           the slowest ack
 */
public record LoadReport(int sent, long acked, long lost, long redeliveries, long duplicateAcks, Duration elapsed,
        double acksPerSecond, Duration p50, Duration p99, Duration max) {

    /** One line for a terminal. */
    public String summary() {
        return String.format(Locale.ROOT,
                "sent %d, acked %d, lost %d, redeliveries %d, duplicate acks %d, %.1f acks/s over %.2f s, "
                        + "latency p50 %d ms, p99 %d ms, max %d ms",
                sent, acked, lost, redeliveries, duplicateAcks, acksPerSecond, elapsed.toNanos() / 1e9,
                p50.toMillis(), p99.toMillis(), max.toMillis());
    }
}
