package dev.larkee.configuration;

import java.net.URI;
import java.util.Locale;

/**
 * Where the open platform is: {@code feishu} (https://open.feishu.cn), {@code lark}
 * (https://open.larksuite.com), or an explicit http(s) base URL such as a proxy or the simulator.
 */
public record PlatformDomain(String name, URI baseUrl) {

    public static final URI FEISHU = URI.create("https://open.feishu.cn");
    public static final URI LARK = URI.create("https://open.larksuite.com");

    /** Parses {@code larkee.domain}; throws with the key named when the value is none of the three forms. */
    public static PlatformDomain parse(String key, String value) {
        String v = value.trim();
        switch (v.toLowerCase(Locale.ROOT)) {
            case "feishu":
                return new PlatformDomain("feishu", FEISHU);
            case "lark":
            case "larksuite":
                return new PlatformDomain("lark", LARK);
            default:
                break;
        }
        URI uri;
        try {
            uri = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, "must be feishu, lark or an http(s) base URL");
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
            throw new InvalidConfigurationException(key, "must be feishu, lark or an http(s) base URL");
        }
        return new PlatformDomain(uri.getHost(), uri);
    }

    /** The long connection's bootstrap endpoint under this domain. */
    public URI endpointDiscovery() {
        return URI.create(baseUrl + "/callback/ws/endpoint");
    }
}
