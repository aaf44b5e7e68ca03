package dev.incidentlifecycle.incidents.alert.handling;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that drops its least recently used entry beyond a bound: the states the alert path keeps in memory. */
final class RecentlyUsed<K, V> extends LinkedHashMap<K, V> {

    private final int bound;

    RecentlyUsed(int bound) {
        super(256, 0.75f, true);
        this.bound = bound;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > bound;
    }
}
