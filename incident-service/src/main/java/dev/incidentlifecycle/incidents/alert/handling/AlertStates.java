package dev.incidentlifecycle.incidents.alert.handling;

import dev.incidentlifecycle.eventstore.Loaded;
import dev.incidentlifecycle.incidents.alert.AlertState;

import java.util.Map;

/**
 * The alert states of the instance's dedup keys, as last committed, kept in memory so that a storm of repeats
 * reads nothing. Only a partition's owner writes its keys (key = dedup key), and a batch's new states are put here
 * only after its transaction committed; the event log stays the truth (a miss loads from it). Each state is kept
 * with its partition, so one that another partition's batch put is never used, and a partition that moves away is
 * forgotten. One bound for the whole instance, however many partitions it owns: least recently used keys are
 * dropped beyond {@link #MAX_KEYS}.
 */
final class AlertStates {

    /** Dedup keys kept by the instance: 500–1,000 bytes each, with their summaries. */
    static final int MAX_KEYS = 10_000;

    private record Kept(int partition, Loaded<AlertState> state) {
    }

    private final Map<String, Kept> byKey = new RecentlyUsed<>(MAX_KEYS);

    /** The key's state as the partition last committed it, or null. */
    synchronized Loaded<AlertState> get(int partition, String dedupKey) {
        Kept kept = byKey.get(dedupKey);
        return kept != null && kept.partition() == partition ? kept.state() : null;
    }

    synchronized void putAll(int partition, Map<String, Loaded<AlertState>> states) {
        states.forEach((key, state) -> byKey.put(key, new Kept(partition, state)));
    }

    /** The partition's states may be stale now (a batch failed, or the partition went elsewhere). */
    synchronized void forget(int partition) {
        byKey.values().removeIf(kept -> kept.partition() == partition);
    }
}
