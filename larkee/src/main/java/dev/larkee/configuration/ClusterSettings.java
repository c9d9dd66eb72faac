package dev.larkee.configuration;

import java.util.Locale;

/**
 * How the instances of one app share work: whether larkee uses the server's data grid, how many
 * long connections the instances may open together, and how often a standby instance looks for a
 * free slot.
 *
 * @param dataGrid        {@code auto} (default: the server's data grid when it has one that is
 *                        clustered, otherwise local memory), {@code on} (the data grid whenever the
 *                        server has one, e.g. Payara Server's domain discovery before other members
 *                        are up) or {@code off} (always local memory)
 * @param connectionCap   connections the app's instances open together (the platform allows 50)
 * @param standbyCheckMs  how often an instance in standby tries for a free slot
 */
public record ClusterSettings(DataGrid dataGrid, int connectionCap, long standbyCheckMs) {

    public static final String DATA_GRID = "larkee.cluster.data-grid";
    public static final String CONNECTION_CAP = "larkee.cluster.connection-cap";
    public static final String STANDBY_CHECK_MS = "larkee.cluster.standby-check-ms";

    /** The platform's own limit of long connections per app. */
    public static final int PLATFORM_CONNECTION_CAP = 50;

    public enum DataGrid {
        AUTO, ON, OFF;

        static DataGrid parse(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "on" -> ON;
                case "off" -> OFF;
                default -> throw new InvalidConfigurationException(DATA_GRID, "must be auto, on or off");
            };
        }
    }
}
