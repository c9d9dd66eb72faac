package dev.larkee.simulator;

/**
 * How the simulator answers a bootstrap instead of succeeding (spec §2.3, §14).
 *
 * @param httpStatus      the HTTP status (200 for an error inside the JSON)
 * @param code            the JSON {@code code}
 * @param msg             the JSON {@code msg}; {@code data} is always null
 */
public record BootstrapFault(int httpStatus, long code, String msg) {

    /** HTTP 200 with {@code {"code":code,"msg":msg}}; e.g. 1 or 1000040343 (retried), 10003 or 514 (fatal). */
    public static BootstrapFault code(long code, String msg) {
        return new BootstrapFault(200, code, msg);
    }

    /** An HTTP error status with a small JSON body. */
    public static BootstrapFault httpStatus(int status) {
        return new BootstrapFault(status, 1, "simulated HTTP " + status);
    }

    /** {@code {"code":0,"msg":"ok","data":null}}. */
    public static BootstrapFault nullData() {
        return new BootstrapFault(200, 0, "ok");
    }
}
