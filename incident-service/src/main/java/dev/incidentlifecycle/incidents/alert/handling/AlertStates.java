package dev.incidentlifecycle.incidents.alert.handling;

import dev.incidentlifecycle.eventstore.Loaded;
import dev.incidentlifecycle.incidents.alert.AlertState;

import java.util.Map;

/**
 * The alert states of one partition's dedup keys, as last committed, kept in memory so that a storm of repeats
 * reads nothing. Only the partition's owner writes these keys (key = dedup key), and a batch's new states are put
 * here only after its transaction committed; the event log stays the truth (a miss loads from it). Least recently
 * used keys are dropped beyond {@link #MAX_KEYS}.
 */
final class AlertStates {

    /** Dedup keys kept per partition: about 300 bytes each. */
    static final int MAX_KEYS = 10_000;

    private final Map<String, Loaded<AlertState>> byKey = new RecentlyUsed<>(MAX_KEYS);

    Loaded<AlertState> get(String dedupKey) {
        return byKey.get(dedupKey);
    }

    void putAll(Map<String, Loaded<AlertState>> states) {
        byKey.putAll(states);
    }
}
