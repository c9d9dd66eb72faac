package dev.larkee.simulator;

import dev.larkee.longconnection.Frame;
import java.time.Duration;
import java.util.List;

/**
 * A client's acknowledgement of a pushed message, correlated by {@code message_id}, with what the
 * simulator found wrong in it (spec §8, §14 "Ack verification").
 *
 * @param messageId the pushed message
 * @param deviceId  the connection it came back on
 * @param code      the payload's {@code code} (200 handled, 500 failed); -1 when unreadable
 * @param data      the decoded {@code data} (the reply JSON), or null when absent
 * @param bizRtMs   the {@code biz_rt} header; -1 when missing or not a number
 * @param headers   the ack frame's headers, in order
 * @param latency   from sending the last fragment to receiving the ack
 * @param problems  protocol violations found (headers not echoed in order, biz_rt not last, data not base64, …); empty when none
 */
public record Ack(String messageId, String deviceId, int code, String data, long bizRtMs, List<Frame.Header> headers,
        Duration latency, List<String> problems) {

    public Ack {
        headers = List.copyOf(headers);
        problems = List.copyOf(problems);
    }
}
