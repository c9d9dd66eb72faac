package dev.larkee.cluster;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The one class that knows the cache technology: JCache ({@code javax.cache}) as Payara provides it,
 * backed by its Hazelcast data grid (JNDI {@code payara/CacheManager}). Loaded only after
 * {@link DataGrid} has seen the JCache API on the class path, so servers without it (WildFly) never
 * load it.
 */
final class JCacheMaps {

    static final String JNDI_NAME = "payara/CacheManager";

    private final CacheManager manager;

    private JCacheMaps(CacheManager manager) {
        this.manager = manager;
    }

    /** The server's cache manager, or null when it has none under {@link #JNDI_NAME}. */
    static JCacheMaps lookup() {
        try {
            Object found = new InitialContext().lookup(JNDI_NAME);
            return found instanceof CacheManager m ? new JCacheMaps(m) : null;
        } catch (NamingException | RuntimeException e) {
            return null;
        }
    }

    /**
     * How the grid reaches beyond this process: the discovery mechanisms switched on (Payara Micro's
     * {@code --nocluster} leaves only Payara's domain discovery, with no DAS) and the members already
     * there; empty when it does not,
     * null when that cannot be told. Read from Hazelcast's configuration through its public API,
     * reflectively, since the application does not see Hazelcast's classes.
     */
    String clustering() {
        try {
            Object hazelcast = call(manager, "getHazelcastInstance");
            List<String> found = new java.util.ArrayList<>();
            Object members = call(call(hazelcast, "getCluster"), "getMembers");
            if (members instanceof java.util.Set<?> set && set.size() > 1) {
                found.add(set.size() + " members");
            }
            Object join = call(call(call(hazelcast, "getConfig"), "getNetworkConfig"), "getJoin");
            for (String mechanism : List.of("getMulticastConfig", "getTcpIpConfig", "getAwsConfig", "getGcpConfig",
                    "getAzureConfig", "getKubernetesConfig", "getEurekaConfig", "getDiscoveryConfig")) {
                Method m = publicMethod(join.getClass(), mechanism);
                Object config = m == null ? null : m.invoke(join);
                if (config != null && Boolean.TRUE.equals(call(config, "isEnabled"))) {
                    String name = mechanism.substring(3, mechanism.length() - 6);
                    if (mechanism.equals("getDiscoveryConfig")) {
                        // Payara's "domain" discovery finds the members a DAS knows of; Payara Micro's
                        // --nocluster uses it with none. Alone at startup, it counts as not clustered.
                        for (Object strategy : (java.util.Collection<?>) call(config, "getDiscoveryStrategyConfigs")) {
                            String type = String.valueOf(call(strategy, "getClassName"));
                            if (!type.endsWith(".DomainDiscoveryStrategy")) {
                                found.add(name + " " + type.substring(type.lastIndexOf('.') + 1));
                            }
                        }
                    } else {
                        found.add(name);
                    }
                }
            }
            return String.join(", ", found);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * The shared map {@code name}, created on first use by whichever instance comes first, its
     * entries expiring {@code expiryMs} after they were created (0: never).
     */
    SharedMap map(String name, long expiryMs) {
        Cache<String, String> cache = manager.getCache(name, String.class, String.class);
        if (cache == null) {
            MutableConfiguration<String, String> config = new MutableConfiguration<String, String>()
                    .setTypes(String.class, String.class)
                    .setStoreByValue(true)
                    .setStatisticsEnabled(false)
                    .setExpiryPolicyFactory(expiryMs > 0
                            ? CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, expiryMs))
                            : EternalExpiryPolicy.factoryOf());
            try {
                cache = manager.createCache(name, config);
            } catch (CacheException raced) { // another instance created it first
                cache = manager.getCache(name, String.class, String.class);
            }
        }
        return new CacheMap(cache);
    }

    private record CacheMap(Cache<String, String> cache) implements SharedMap {
        @Override
        public boolean putIfAbsent(String key, String value) {
            return cache.putIfAbsent(key, value);
        }

        @Override
        public String get(String key) {
            return cache.get(key);
        }

        @Override
        public boolean replace(String key, String expected, String value) {
            return cache.replace(key, expected, value);
        }

        @Override
        public boolean remove(String key, String expected) {
            return cache.remove(key, expected);
        }

        @Override
        public void put(String key, String value) {
            cache.put(key, value);
        }
    }

    private static Object call(Object target, String name) throws ReflectiveOperationException {
        Method m = publicMethod(target.getClass(), name);
        if (m == null) {
            throw new NoSuchMethodException(name);
        }
        return m.invoke(target);
    }

    /** {@code name()} as declared by a public class or interface, so it can be invoked from outside its module. */
    private static Method publicMethod(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (Modifier.isPublic(c.getModifiers())) {
                try {
                    return c.getMethod(name);
                } catch (NoSuchMethodException e) {
                    // look further up
                }
            }
            for (Class<?> i : c.getInterfaces()) {
                Method m = publicMethod(i, name);
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }
}
