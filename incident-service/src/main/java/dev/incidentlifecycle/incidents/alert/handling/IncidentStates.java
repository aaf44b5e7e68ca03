package dev.incidentlifecycle.incidents.alert.handling;

import dev.incidentlifecycle.eventstore.Loaded;
import dev.incidentlifecycle.incidents.incident.IncidentState;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * The states of the incidents the instance's batches attached alerts to, as last committed, so that a batch under
 * its locks reads none of them again: an entry is used only when its version is the one the incident's row has
 * under the locks ({@link AlertTriage#confirm}), so a change by anything else (a command, another instance) is a
 * miss, loaded from the log. Incidents are shared by every partition, so this is one map for all of them; a
 * batch's states are put here only after its transaction committed. Least recently used incidents are dropped
 * beyond {@link #MAX_INCIDENTS}.
 */
final class IncidentStates {

    /** Incidents kept: a few kilobytes each. */
    static final int MAX_INCIDENTS = 1_000;

    private final Map<UUID, Loaded<IncidentState>> byId = new RecentlyUsed<>(MAX_INCIDENTS);

    /** The incident's state at {@code version}, or null when this one is not known at that version. */
    synchronized Loaded<IncidentState> at(UUID id, long version) {
        Loaded<IncidentState> known = byId.get(id);
        return known != null && known.version() == version ? known : null;
    }

    synchronized void putAll(Collection<Loaded<IncidentState>> states) {
        for (Loaded<IncidentState> state : states) {
            byId.merge(UUID.fromString(state.aggregateId()), state, (old, now) -> now.version() >= old.version() ? now : old);
        }
    }

    synchronized void forget(Collection<UUID> ids) {
        ids.forEach(byId::remove);
    }
}
