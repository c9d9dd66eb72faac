package dev.larkee.cluster;

import dev.larkee.configuration.ClusterSettings;
import dev.larkee.configuration.LarkeeConfiguration;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether this instance shares state with the app's other instances, and through what: Payara's data
 * grid (JCache over Hazelcast) when the server has one and it is clustered, otherwise this instance's
 * memory. Decided once at startup, and said in the log.
 */
@ApplicationScoped
public class DataGrid {

    private static final Logger LOG = Logger.getLogger(DataGrid.class.getName());
    private static final String JCACHE_API = "javax.cache.CacheManager";

    @Inject
    LarkeeConfiguration configuration;

    /** This instance among the app's, in claims and connection slots it holds (never a secret). */
    private final String instanceId = UUID.randomUUID().toString().substring(0, 13);
    private JCacheMaps grid;
    private String why;

    @PostConstruct
    void decide() {
        if (configuration.cluster().dataGrid() == ClusterSettings.DataGrid.OFF) {
            why = "local memory (" + ClusterSettings.DATA_GRID + "=off)";
        } else if (!jcachePresent()) {
            why = "local memory (this server has no JCache data grid)";
        } else {
            JCacheMaps found = JCacheMaps.lookup();
            String clustering = found == null ? "" : found.clustering();
            if (found == null) {
                why = "local memory (no JCache cache manager at " + JCacheMaps.JNDI_NAME + ")";
            } else if ("".equals(clustering) && configuration.cluster().dataGrid() == ClusterSettings.DataGrid.AUTO) {
                why = "local memory (the data grid is not clustered, e.g. --nocluster; "
                        + ClusterSettings.DATA_GRID + "=on uses it anyway)";
            } else {
                grid = found;
                why = "the data grid (JCache at " + JCacheMaps.JNDI_NAME + "; "
                        + (clustering == null ? "its clustering could not be read"
                                : clustering.isEmpty() ? ClusterSettings.DATA_GRID + "=on" : "members found by " + clustering) + ")";
            }
        }
        LOG.info(() -> "larkee: instance " + instanceId + " shares de-duplication and connection slots through " + why);
    }

    /** Whether state is shared with other instances through the grid. */
    public boolean shared() {
        return grid != null;
    }

    /** What {@link #shared()} rests on, for health data and the log. */
    public String describe() {
        return why;
    }

    public String instanceId() {
        return instanceId;
    }

    /**
     * The grid's map {@code name}, entries expiring {@code expiryMs} after creation; empty when the
     * grid is not used or the map cannot be had (then the caller keeps its state locally, and the log says so).
     */
    public Optional<SharedMap> map(String name, long expiryMs) {
        if (grid == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(grid.map(name, expiryMs));
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "larkee: the data grid's cache " + name + " could not be opened; kept locally", e);
            return Optional.empty();
        }
    }

    private static boolean jcachePresent() {
        try {
            Class.forName(JCACHE_API, false, DataGrid.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
