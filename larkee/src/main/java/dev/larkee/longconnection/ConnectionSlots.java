package dev.larkee.longconnection;

/**
 * The app's cap of long connections, shared by its instances: a connection holds a slot while it
 * connects, is connected or reconnects, and lets it go when it stops or gives up. A connection that
 * finds no slot free stays in {@link ConnectionState#STANDBY} and tries again later.
 */
public interface ConnectionSlots {

    /** Takes a slot for connection {@code index}, or keeps the one it holds; false when none is free. */
    boolean hold(int index);

    /** Lets go of connection {@code index}'s slot, if it holds one. */
    void release(int index);

    /** The cap these slots enforce. */
    int cap();

    /** Slots held by this instance. */
    int held();

    /** Where the slots are counted ("this instance", "the data grid"), for logs and health data. */
    String describe();

    /** Slots counted in this instance alone: the cap applies to its own connections. */
    static ConnectionSlots local(int cap) {
        return new LocalConnectionSlots(cap);
    }
}
