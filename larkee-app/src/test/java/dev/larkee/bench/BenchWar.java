package dev.larkee.bench;

import java.io.File;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The bench WAR: the real {@code target/larkee.war} that {@code mvn package} built (the example
 * observers stay, switched off by their default configuration), plus {@link BenchObserver}, the
 * no-op resource and the official SDK's dispatcher in a resource, with the SDK's jars (test scope in
 * the pom) as WEB-INF/lib.
 */
final class BenchWar {

    private static final File WAR = new File("target/larkee.war");

    private BenchWar() {
    }

    static File export(Map<String, String> config, File target) {
        return export(config, target, true, BenchObserver.class, NoopResource.class, SdkResource.class);
    }

    /**
     * What a user's WAR with larkee as a dependency holds, built from the real WAR: larkee's and
     * protobuf's jars, {@code classes} as the user's observers, {@code config}. The simulator's jar,
     * the example observers and the start page are left out: a deployed app has none of them.
     */
    static File userWar(Map<String, String> config, File target, Class<?>... classes) {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, existingWar())
                .addClasses(classes)
                .addAsResource(new StringAsset(properties(config)), "META-INF/microprofile-config.properties");
        war.getContent().keySet().stream().map(Object::toString)
                .filter(path -> path.startsWith("/WEB-INF/lib/larkee-simulator-") || path.equals("/index.html")
                        || path.startsWith("/WEB-INF/classes/dev/larkee/examples/"))
                .toList().forEach(war::delete);
        target.getParentFile().mkdirs();
        war.as(ZipExporter.class).exportTo(target, true);
        return target;
    }

    private static File existingWar() {
        if (!WAR.isFile()) {
            throw new IllegalStateException(WAR + " is missing: run the benchmark with 'mvn -Pbench verify'");
        }
        return WAR;
    }

    private static String properties(Map<String, String> config) {
        return config.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /**
     * The real WAR plus {@code classes} and {@code config}; with {@code sdkLibraries} also the
     * official SDK's jars (for {@link SdkResource}).
     */
    static File export(Map<String, String> config, File target, boolean sdkLibraries, Class<?>... classes) {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, existingWar())
                .addClasses(classes)
                .addClass(dev.larkee.it.TestApplication.class)
                .addAsResource(new StringAsset(properties(config)), "META-INF/microprofile-config.properties");
        if (!sdkLibraries) {
            target.getParentFile().mkdirs();
            war.as(ZipExporter.class).exportTo(target, true);
            return target;
        }
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
            war.addAsLibraries(jarOf(load(marker)));
        }
        File shadedProtobuf = shadedProtobufJar();
        if (shadedProtobuf != null) {
            war.addAsLibraries(shadedProtobuf);
        }
        target.getParentFile().mkdirs();
        war.as(ZipExporter.class).exportTo(target, true);
        return target;
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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
