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

/**
 * The streams one batch changes, decided in memory: each alert's and incident's state as the batch goes, and the
 * events to append, each with the context of the message that caused it. Consecutive repeats of one alert
 * collapse into one {@code alert.repeated} carrying the new occurrence total and the latest time, so a storm of
 * repeats writes one event per alert per batch; every other change stays its own event.
 */
final class AlertBatch {

    private final Map<String, Loaded<AlertState>> alertsBefore = new LinkedHashMap<>();
    private final Map<String, AlertState> alerts = new LinkedHashMap<>();
    private final Map<String, List<CausedEvent<AlertEvent>>> alertEvents = new LinkedHashMap<>();

    private final Map<UUID, Loaded<IncidentState>> incidentsBefore = new LinkedHashMap<>();
    private final Map<UUID, IncidentState> incidents = new LinkedHashMap<>();
    private final Map<UUID, List<CausedEvent<IncidentEvent>>> incidentEvents = new LinkedHashMap<>();

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

    /** Decides an incident command against the incident as the batch has it, and keeps the events. */
    List<IncidentEvent> incidentCommand(UUID id, IncidentCommand command, CommandContext context, String traceParent) {
        incidentsBefore.putIfAbsent(id, new Loaded<>(id.toString(), IncidentState.NONE, 0));
        IncidentState state = incidents.getOrDefault(id, IncidentState.NONE);
        List<IncidentEvent> events = Streams.INCIDENT.decider().decide(command, state);
        List<CausedEvent<IncidentEvent>> pending = incidentEvents.computeIfAbsent(id, k -> new ArrayList<>());
        for (IncidentEvent event : events) {
            state = Streams.INCIDENT.decider().evolve(state, event);
            pending.add(new CausedEvent<>(event, context, traceParent));
        }
        incidents.put(id, state);
        return events;
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

    /** The incident events decided since the last call, as appends from what was written before. */
    List<StreamAppend<IncidentState, IncidentEvent>> takeIncidentAppends() {
        List<StreamAppend<IncidentState, IncidentEvent>> appends = new ArrayList<>();
        incidentEvents.forEach((id, events) -> {
            if (!events.isEmpty()) {
                appends.add(new StreamAppend<>(incidentsBefore.get(id), List.copyOf(events)));
            }
        });
        incidentEvents.clear();
        return appends;
    }

    /** The incidents' states after the appends, the base of any further append in this batch. */
    void incidentsWritten(List<Decided<IncidentState, IncidentEvent>> written) {
        for (Decided<IncidentState, IncidentEvent> decided : written) {
            UUID id = UUID.fromString(decided.aggregateId());
            incidentsBefore.put(id, new Loaded<>(decided.aggregateId(), decided.state(), decided.version()));
        }
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
