package dev.larkee.it;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;

/**
 * The deployment's URL as Arquillian reports it names the machine's own network address; tests
 * talk to the server over loopback only (and the simulator answers loopback clients only).
 */
public final class Loopback {

    private Loopback() {
    }

    public static URL of(URL base) {
        try {
            URI u = base.toURI();
            return new URI(u.getScheme(), u.getUserInfo(), "127.0.0.1", u.getPort(), u.getPath(), u.getQuery(),
                    u.getFragment()).toURL();
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + base, e);
        }
    }
}
