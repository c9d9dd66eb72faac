package dev.larkee.standalone;

/**
 * Counters of the long-connection pushes since start.
 *
 * @param messages      messages accepted by {@code send}
 * @param transmissions data frames sent, re-deliveries included
 * @param acked         messages acknowledged (first acks)
 * @param redeliveries  transmissions after the first one of a message
 * @param duplicateAcks acks for a message already acknowledged
 * @param unknownAcks   acks for a message id never sent, or forgotten, or given up
 * @param unacked       messages still waiting for their first ack (in flight or waiting)
 * @param waiting       of those, messages waiting for a connection to open
 * @param abandoned     messages given up after the last attempt went unacknowledged (lost)
 */
public record DeliveryStats(long messages, long transmissions, long acked, long redeliveries, long duplicateAcks,
        long unknownAcks, long unacked, long waiting, long abandoned) {
}
