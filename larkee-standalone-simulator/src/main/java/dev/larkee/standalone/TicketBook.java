package dev.larkee.standalone;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tickets the bootstrap puts into each WebSocket URL, redeemed once at the upgrade. They tie
 * the URL's {@code device_id} and {@code service_id} to a successful bootstrap, as the real
 * platform's signed query does, so a client cannot dial a made-up or reused URL. Bounded: at most
 * {@link #MAX_TICKETS} unredeemed, each valid for {@link #VALIDITY}.
 */
final class TicketBook {

    static final int MAX_TICKETS = 1000;
    static final Duration VALIDITY = Duration.ofMinutes(1);

    private record Issued(String deviceId, int serviceId, long expiresNanos) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> issued = new LinkedHashMap<>(); // insertion order = oldest first

    synchronized String issue(String deviceId, int serviceId) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String ticket = HexFormat.of().formatHex(bytes);
        issued.put(ticket, new Issued(deviceId, serviceId, System.nanoTime() + VALIDITY.toNanos()));
        if (issued.size() > MAX_TICKETS) {
            Iterator<String> oldest = issued.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return ticket;
    }

    /** True, once, for a ticket issued for exactly this device and service and not yet expired. */
    synchronized boolean redeem(String ticket, String deviceId, String serviceId) {
        Issued i = ticket == null ? null : issued.remove(ticket);
        return i != null && i.expiresNanos() - System.nanoTime() > 0 && i.deviceId().equals(deviceId)
                && Integer.toString(i.serviceId()).equals(serviceId);
    }
}
