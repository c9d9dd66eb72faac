package dev.larkee.standalone;

import java.time.Duration;

/**
 * The first acknowledgement of a pushed message (long-connection spec §8).
 *
 * @param messageId      the message's {@code message_id}
 * @param deviceId       the connection that acknowledged it
 * @param code           the ack payload's {@code code} (200 handled, 500 failed); -1 when unreadable
 * @param reply          the decoded {@code data}: the handler's reply JSON, e.g. a card toast; null when absent
 * @param latency        from the transmission to that connection to its ack
 * @param sinceFirstSend from the message's first transmission to the ack, re-deliveries included
 * @param attempts       transmissions made until then
 */
public record Ack(String messageId, String deviceId, int code, String reply, Duration latency, Duration sinceFirstSend,
        int attempts) {
}
