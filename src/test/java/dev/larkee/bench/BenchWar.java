package dev.larkee.bench;

import dev.larkee.it.Deployments;
import java.io.File;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The bench WAR: larkee's production classes and protobuf (as in the real WAR, minus the example
 * observers, so that only {@link BenchObserver} answers), plus the no-op resource and the official
 * SDK's dispatcher in a resource, with the SDK's jars (test scope in the pom) as WEB-INF/lib.
 */
final class BenchWar {

    /** Test code and the example observers stay out. */
    private static final String EXCLUDED = ".*/dev/larkee/(it|bench|examples)/.*|.*Test(\\$.*)?\\.class";

    private BenchWar() {
    }

    static File export(Map<String, String> config, File target) {
        String properties = config.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        WebArchive war = ShrinkWrap.create(WebArchive.class, "larkee.war")
                .addPackages(true, Filters.exclude(EXCLUDED), "dev.larkee")
                .addClasses(BenchObserver.class, NoopResource.class, SdkResource.class)
                .addAsLibraries(Deployments.jarOf(com.google.protobuf.Message.class))
                .addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(new File("src/main/webapp/WEB-INF/beans.xml"), "beans.xml");
        // oapi-sdk 2.5.x and its runtime dependencies (see `mvn dependency:tree`), one marker class per jar.
        for (String marker : new String[] {
                "com.lark.oapi.event.EventDispatcher",
                "com.google.gson.Gson",
                "org.apache.commons.codec.binary.Hex",
                "org.slf4j.LoggerFactory",
                "org.apache.http.client.HttpClient",
                "org.apache.http.HttpRequest",
                "org.apache.commons.logging.Log",
                "org.apache.http.entity.mime.MultipartEntityBuilder",
                "com.google.common.collect.ImmutableList",
                "com.google.common.util.concurrent.internal.InternalFutureFailureAccess",
        }) {
            war.addAsLibraries(Deployments.jarOf(load(marker)));
        }
        File shadedProtobuf = shadedProtobufJar();
        if (shadedProtobuf != null) {
            war.addAsLibraries(shadedProtobuf);
        }
        target.getParentFile().mkdirs();
        war.as(ZipExporter.class).exportTo(target, true);
        return target;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, BenchWar.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("not on the test class path: " + name, e);
        }
    }

    /** larksuite-oapi-shaded-protobuf: found by name on the class path (its packages are relocated). */
    private static File shadedProtobufJar() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (new File(entry).getName().startsWith("larksuite-oapi-shaded-protobuf")) {
                return new File(entry);
            }
        }
        return null;
    }
}
