package dev.larkee.it;

import com.google.protobuf.Message;
import java.io.File;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the larkee WAR for integration tests: every production package (the simulator included,
 * as in the real WAR), the protobuf runtime, and the test's own configuration inline.
 */
public final class Deployments {

    /** Test code stays out of the WAR: the it/bench packages and every *Test class. */
    private static final String TEST_CLASSES = ".*/dev/larkee/(it|bench)/.*|.*Test(\\$.*)?\\.class";

    private Deployments() {
    }

    /** The production WAR with {@code config} as its microprofile-config.properties. */
    public static WebArchive larkee(Map<String, String> config) {
        String properties = config.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        return ShrinkWrap.create(WebArchive.class, "larkee.war")
                .addPackages(true, Filters.exclude(TEST_CLASSES), "dev.larkee")
                .addAsLibraries(jarOf(Message.class))
                .addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(new File("src/main/webapp/WEB-INF/beans.xml"), "beans.xml");
    }

    /** The jar (from the test class path) that holds {@code type}. */
    public static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
