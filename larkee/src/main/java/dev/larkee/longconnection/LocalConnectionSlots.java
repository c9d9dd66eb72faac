package dev.larkee.longconnection;

import java.util.HashSet;
import java.util.Set;

/** {@link ConnectionSlots} without a data grid: only this instance's own connections count. */
final class LocalConnectionSlots implements ConnectionSlots {

    private final int cap;
    private final Set<Integer> holders = new HashSet<>();

    LocalConnectionSlots(int cap) {
        this.cap = cap;
    }

    @Override
    public synchronized boolean hold(int index) {
        return holders.contains(index) || (holders.size() < cap && holders.add(index));
    }

    @Override
    public synchronized void release(int index) {
        holders.remove(index);
    }

    @Override
    public int cap() {
        return cap;
    }

    @Override
    public synchronized int held() {
        return holders.size();
    }

    @Override
    public String describe() {
        return "this instance";
    }
}
