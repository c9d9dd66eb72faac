package dev.larkee.simulator;

/** How the simulator sends the fragments of a split message. */
public enum FragmentOrder {
    /** seq 0, 1, …, n-1. */
    IN_ORDER,
    /** seq n-1, …, 1, 0. */
    REVERSED,
    /** In order, with fragment 0 sent a second time just before the last one. */
    WITH_DUPLICATE,
    /** In order without the last fragment: the client must not acknowledge. */
    MISSING_LAST
}
