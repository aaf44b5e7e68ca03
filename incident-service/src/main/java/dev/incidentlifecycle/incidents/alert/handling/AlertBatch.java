package dev.incidentlifecycle.incidents.alert.handling;

import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.Decided;
import dev.incidentlifecycle.eventstore.Loaded;
import dev.incidentlifecycle.eventstore.UnitOfWork.CausedEvent;
import dev.incidentlifecycle.eventstore.UnitOfWork.StreamAppend;
import dev.incidentlifecycle.incidents.alert.AlertEvent;
import dev.incidentlifecycle.incidents.alert.AlertState;
import dev.incidentlifecycle.incidents.eventlog.Streams;
import dev.incidentlifecycle.incidents.incident.IncidentCommand;
import dev.incidentlifecycle.incidents.incident.IncidentEvent;
import dev.incidentlifecycle.incidents.incident.IncidentState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;

/**
 * The streams one batch changes, decided in memory: each alert's and incident's state as the batch goes, and the
 * events to append, each with the context of the message that caused it. Consecutive repeats of one alert
 * collapse into one {@code alert.repeated} carrying the new occurrence total and the latest time, so a storm of
 * repeats writes one event per alert per batch; every other change stays its own event. Alert events are decided
 * as they come; incident commands wait in a queue until the batch holds its locks (see {@link AlertTriage}).
 */
final class AlertBatch {

    private final Map<String, Loaded<AlertState>> alertsBefore = new LinkedHashMap<>();
    private final Map<String, AlertState> alerts = new LinkedHashMap<>();
    private final Map<String, List<CausedEvent<AlertEvent>>> alertEvents = new LinkedHashMap<>();

    private final Map<UUID, Loaded<IncidentState>> incidentsBefore = new LinkedHashMap<>();
    private final Map<UUID, IncidentState> incidents = new LinkedHashMap<>();
    private final Map<UUID, List<CausedEvent<IncidentEvent>>> incidentEvents = new LinkedHashMap<>();
    private final List<QueuedCommand> queued = new ArrayList<>();

    /** An incident command chosen before the batch's locks, to be decided against the incident under them. */
    private record QueuedCommand(UUID incidentId, LongFunction<IncidentCommand> command, boolean numbered,
                                 CommandContext context, String traceParent) {
    }

    void knowAlert(Loaded<AlertState> loaded) {
        alertsBefore.putIfAbsent(loaded.aggregateId(), loaded);
        alerts.putIfAbsent(loaded.aggregateId(), loaded.state());
    }

    AlertState alert(String dedupKey) {
        return alerts.get(dedupKey);
    }

    void knowIncident(UUID id, Loaded<IncidentState> loaded) {
        incidentsBefore.putIfAbsent(id, loaded);
        incidents.putIfAbsent(id, loaded.state());
    }

    IncidentState incident(UUID id) {
        return incidents.get(id);
    }

    void alertEvents(String dedupKey, List<AlertEvent> events, CommandContext context, String traceParent) {
        List<CausedEvent<AlertEvent>> pending = alertEvents.computeIfAbsent(dedupKey, k -> new ArrayList<>());
        AlertState state = alerts.get(dedupKey);
        for (AlertEvent event : events) {
            state = Streams.ALERT.decider().evolve(state, event);
            CausedEvent<AlertEvent> caused = new CausedEvent<>(event, context, traceParent);
            int last = pending.size() - 1;
            if (event instanceof AlertEvent.Repeated && last >= 0 && pending.get(last).event() instanceof AlertEvent.Repeated) {
                pending.set(last, caused);
            } else {
                pending.add(caused);
            }
        }
        alerts.put(dedupKey, state);
    }

    /**
     * Queues an incident command; it is decided by {@link #decideIncidentCommands}, once the batch holds its locks
     * and has loaded the incidents, against the incident as the batch then has it.
     */
    void incidentCommand(UUID id, IncidentCommand command, CommandContext context, String traceParent) {
        queued.add(new QueuedCommand(id, number -> command, false, context, traceParent));
    }

    /** Queues a declaration that gets its number from the {@code incident_number} sequence, under the batch's locks. */
    void declaration(UUID id, LongFunction<IncidentCommand.Declare> declare, CommandContext context, String traceParent) {
        queued.add(new QueuedCommand(id, declare::apply, true, context, traceParent));
    }

    /** How many queued declarations wait for a number. */
    int declarationsQueued() {
        return (int) queued.stream().filter(QueuedCommand::numbered).count();
    }

    /** Decides the queued incident commands in order, the declarations taking {@code numbers} in order. */
    void decideIncidentCommands(List<Long> numbers) {
        int next = 0;
        for (QueuedCommand queuedCommand : queued) {
            IncidentCommand command = queuedCommand.command().apply(queuedCommand.numbered() ? numbers.get(next++) : 0);
            UUID id = queuedCommand.incidentId();
            incidentsBefore.putIfAbsent(id, new Loaded<>(id.toString(), IncidentState.NONE, 0));
            IncidentState state = incidents.getOrDefault(id, IncidentState.NONE);
            List<CausedEvent<IncidentEvent>> pending = incidentEvents.computeIfAbsent(id, k -> new ArrayList<>());
            for (IncidentEvent event : Streams.INCIDENT.decider().decide(command, state)) {
                state = Streams.INCIDENT.decider().evolve(state, event);
                pending.add(new CausedEvent<>(event, queuedCommand.context(), queuedCommand.traceParent()));
            }
            incidents.put(id, state);
        }
        queued.clear();
    }

    List<StreamAppend<AlertState, AlertEvent>> alertAppends() {
        List<StreamAppend<AlertState, AlertEvent>> appends = new ArrayList<>();
        alertEvents.forEach((key, events) -> {
            if (!events.isEmpty()) {
                appends.add(new StreamAppend<>(alertsBefore.get(key), events));
            }
        });
        return appends;
    }

    /** The incident events decided, as appends from the states loaded under the batch's locks. */
    List<StreamAppend<IncidentState, IncidentEvent>> incidentAppends() {
        List<StreamAppend<IncidentState, IncidentEvent>> appends = new ArrayList<>();
        incidentEvents.forEach((id, events) -> {
            if (!events.isEmpty()) {
                appends.add(new StreamAppend<>(incidentsBefore.get(id), events));
            }
        });
        return appends;
    }

    /** The incidents the batch read or changed. */
    List<UUID> incidentIds() {
        return List.copyOf(incidentsBefore.keySet());
    }

    /** Every incident state the batch ends with (read or changed), for triage's cache once it commits. */
    List<Loaded<IncidentState>> incidentsAfter(List<Decided<IncidentState, IncidentEvent>> written) {
        Map<String, Loaded<IncidentState>> after = new LinkedHashMap<>();
        incidentsBefore.values().forEach(loaded -> after.put(loaded.aggregateId(), loaded));
        for (Decided<IncidentState, IncidentEvent> decided : written) {
            after.put(decided.aggregateId(), new Loaded<>(decided.aggregateId(), decided.state(), decided.version()));
        }
        return after.values().stream().filter(Loaded::exists).toList();
    }

    /** Every alert state the batch ends with (loaded or changed), for the partition's cache once it commits. */
    Map<String, Loaded<AlertState>> alertsAfter(List<Decided<AlertState, AlertEvent>> written) {
        Map<String, Loaded<AlertState>> after = new LinkedHashMap<>(alertsBefore);
        for (Decided<AlertState, AlertEvent> decided : written) {
            after.put(decided.aggregateId(), new Loaded<>(decided.aggregateId(), decided.state(), decided.version()));
        }
        return after;
    }
}
