package dev.larkee.longconnection;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where to dial, from a successful bootstrap. {@link #toString()} leaves out the URL: its query
 * carries the connection ticket.
 *
 * @param url       the WebSocket URL, dialled verbatim
 * @param config    the merged ClientConfig
 * @param deviceId  the URL's {@code device_id} (the connection id in logs); empty when absent
 * @param serviceId the URL's {@code service_id}, copied into every ping; 0 when absent or not an int32
 */
public record Endpoint(URI url, ClientConfig config, String deviceId, int serviceId) {

    /** Validates {@code url} (ws or wss, with a host) and reads its two query parameters. */
    static Endpoint of(String url, ClientConfig config) throws ConnectFailure {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw ConnectFailure.retryable("bootstrap returned an unparsable URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw ConnectFailure.retryable("bootstrap returned a URL with scheme '" + scheme + "', not ws or wss");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ConnectFailure.retryable("bootstrap returned a URL without host");
        }
        String deviceId = queryParameter(uri.getRawQuery(), "device_id").orElse("");
        int serviceId;
        try {
            serviceId = Integer.parseInt(queryParameter(uri.getRawQuery(), "service_id").orElse("0"));
        } catch (NumberFormatException e) {
            serviceId = 0;
        }
        return new Endpoint(uri, config, deviceId, serviceId);
    }

    /** The first value of {@code name} in a raw (percent-encoded) query string. */
    static Optional<String> queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return Optional.empty();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    @Override
    public String toString() {
        return "Endpoint[" + url.getScheme() + "://" + url.getAuthority() + " device " + deviceId + " service "
                + serviceId + "]";
    }
}
