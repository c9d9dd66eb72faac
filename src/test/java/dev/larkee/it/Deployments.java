package dev.larkee.it;

import java.io.File;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR integration tests deploy: the real {@code target/larkee.war} that {@code mvn package}
 * built (so tests exercise what ships), plus the test's own configuration inline and its own
 * observer classes. Run the ITs through Maven ({@code mvn verify}), which packages first.
 */
public final class Deployments {

    private static final File WAR = new File("target/larkee.war");

    private Deployments() {
    }

    /** The production WAR with {@code config} as its microprofile-config.properties. */
    public static WebArchive larkee(Map<String, String> config) {
        if (!WAR.isFile()) {
            throw new IllegalStateException(WAR + " is missing: run the integration tests with 'mvn verify'");
        }
        String properties = config.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, WAR)
                .addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties");
    }
}
