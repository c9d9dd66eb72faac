package dev.larkee.standalone;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The payload of an ack frame: {@code {"code":200,"headers":..,"data":"<base64 of the reply>"}}
 * (long-connection spec §8). Lenient: what cannot be read is reported as code -1 or no reply, never thrown.
 *
 * @param code  the integer {@code code}, -1 when missing or not an integer
 * @param reply the UTF-8 text behind the standard-base64 {@code data}; null when absent, null or not base64
 */
record AckPayload(int code, String reply) {

    static AckPayload parse(byte[] payload) {
        JsonObject json = JsonSupport.parseObject(payload).orElse(null);
        if (json == null) {
            return new AckPayload(-1, null);
        }
        int code = json.get("code") instanceof JsonNumber n && n.isIntegral() ? n.intValue() : -1;
        String reply = null;
        if (json.get("data") instanceof JsonString s) {
            try {
                reply = new String(Base64.getDecoder().decode(s.getString()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                reply = null; // a client bug the caller sees as a missing reply
            }
        }
        return new AckPayload(code, reply);
    }
}
