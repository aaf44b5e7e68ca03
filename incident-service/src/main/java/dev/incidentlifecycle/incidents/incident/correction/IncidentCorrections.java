package dev.incidentlifecycle.incidents.incident.correction;

import dev.incidentlifecycle.eventsourcing.RuleViolation;
import dev.incidentlifecycle.eventstore.Decided;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.Loaded;
import dev.incidentlifecycle.eventstore.StreamNotFound;
import dev.incidentlifecycle.eventstore.UnitOfWork;
import dev.incidentlifecycle.eventstore.UnitOfWork.CausedEvent;
import dev.incidentlifecycle.eventstore.UnitOfWork.StreamAppend;
import dev.incidentlifecycle.incidents.alert.AlertCommand;
import dev.incidentlifecycle.incidents.alert.AlertEvent;
import dev.incidentlifecycle.incidents.alert.AlertSeverity;
import dev.incidentlifecycle.incidents.alert.AlertState;
import dev.incidentlifecycle.incidents.alert.handling.AlertTriage;
import dev.incidentlifecycle.incidents.alert.readmodel.AlertRow;
import dev.incidentlifecycle.incidents.eventlog.Streams;
import dev.incidentlifecycle.incidents.incident.AlertReference;
import dev.incidentlifecycle.incidents.incident.IncidentCommand;
import dev.incidentlifecycle.incidents.incident.IncidentEvent;
import dev.incidentlifecycle.incidents.incident.IncidentState;
import dev.incidentlifecycle.incidents.incident.readmodel.IncidentLookup;
import dev.incidentlifecycle.incidents.incident.readmodel.IncidentRow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Corrections that change which alerts an incident has: detaching an alert attached by mistake, and merging a
 * duplicate incident into the one that survives. Each runs in the caller's transaction, under the locks the alert
 * triage takes for the incidents' alerts ({@link AlertTriage#incidentLock}), and writes both sides: the alert's stream
 * (so its later signals name the right incident) and the incidents'. Merging moves every alert in two statements
 * whatever their number ({@link UnitOfWork#loadAll}, {@link UnitOfWork#appendAll}).
 *
 * <p>The alerts consumer keeps alert states in memory: one that was written here makes its next batch for that key
 * meet a newer stream version, which it retries from the log (an optimistic-concurrency conflict), so nothing is lost.
 */
@ApplicationScoped
public class IncidentCorrections {

    /** Detaches the alert from the incident; answers the incident after it. */
    public Uni<Decided<IncidentState, IncidentEvent>> detach(UnitOfWork work, UUID incidentId, UUID alertId, String reason,
                                                             long expectedVersion, Instant occurredAt) {
        return work.lock(AlertTriage.incidentLock(incidentId))
                .flatMap(v -> work.session().find(AlertRow.class, alertId))
                .flatMap(row -> {
                    if (row == null) {
                        return Uni.createFrom().failure(new StreamNotFound("no alert " + alertId));
                    }
                    if (!incidentId.equals(row.incidentId)) {
                        return Uni.createFrom().failure(new RuleViolation("alert " + alertId + " is not attached to this incident"));
                    }
                    AlertReference alert = new AlertReference(row.alertId, row.dedupKey, row.summary,
                            AlertSeverity.valueOf(row.severity), row.triggeredAt);
                    return work.execute(Streams.INCIDENT, incidentId.toString(), expectedVersion,
                                    new IncidentCommand.DetachAlert(alert, reason, work.context().actor(), occurredAt, work.recordedAt()))
                            .call(decided -> work.execute(Streams.ALERT, row.dedupKey, ExpectedVersion.ANY,
                                    new AlertCommand.DetachFromIncident(alertId, incidentId, work.recordedAt())));
                });
    }

    /**
     * Merges incident {@code sourceId} into the one {@code into} names (id or number): its alerts move there, both
     * timelines say so, and it ends MERGED. Answers the merged incident after it.
     */
    public Uni<Decided<IncidentState, IncidentEvent>> merge(UnitOfWork work, UUID sourceId, String into, String reason,
                                                            long expectedVersion, Instant occurredAt) {
        return IncidentLookup.find(work.session(), into).flatMap(target -> work
                .lockAll(List.of(AlertTriage.incidentLock(sourceId), AlertTriage.incidentLock(target.id)))
                .flatMap(v -> work.session().createSelectionQuery(
                                "from AlertRow where incidentId = :incident order by dedupKey, triggeredAt, alertId", AlertRow.class)
                        .setParameter("incident", sourceId)
                        .getResultList())
                .flatMap(alerts -> work.execute(Streams.INCIDENT, sourceId.toString(), expectedVersion,
                                new IncidentCommand.Merge(target.id, target.number, reason, alerts.size(),
                                        work.context().actor(), occurredAt, work.recordedAt()))
                        .call(merged -> absorb(work, target, merged.state(), reason, alerts.size(), occurredAt))
                        .call(merged -> moveAlerts(work, alerts, sourceId, target.id))));
    }

    private static Uni<?> absorb(UnitOfWork work, IncidentRow target, IncidentState source, String reason, int alerts,
                                 Instant occurredAt) {
        if (target.id.equals(source.id())) {
            return Uni.createFrom().voidItem();
        }
        return work.execute(Streams.INCIDENT, target.id.toString(), ExpectedVersion.ANY,
                new IncidentCommand.AbsorbMerged(source.id(), source.number(), reason, alerts, work.context().actor(),
                        occurredAt, work.recordedAt()));
    }

    /** Every alert's stream says it moved: one load and one append for all of them. */
    private static Uni<?> moveAlerts(UnitOfWork work, List<AlertRow> alerts, UUID from, UUID to) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, List<AlertRow>> byKey = new LinkedHashMap<>();
        alerts.forEach(alert -> byKey.computeIfAbsent(alert.dedupKey, k -> new ArrayList<>()).add(alert));
        return work.loadAll(Streams.ALERT, byKey.keySet()).flatMap(loaded -> {
            List<StreamAppend<AlertState, AlertEvent>> appends = new ArrayList<>();
            byKey.forEach((key, rows) -> {
                Loaded<AlertState> stream = loaded.get(key);
                AlertState state = stream.state();
                List<CausedEvent<AlertEvent>> events = new ArrayList<>();
                for (AlertRow row : rows) {
                    for (AlertEvent event : Streams.ALERT.decider().decide(
                            new AlertCommand.MoveToIncident(row.alertId, from, to, work.recordedAt()), state)) {
                        state = Streams.ALERT.decider().evolve(state, event);
                        events.add(new CausedEvent<>(event, work.context(), work.traceParent()));
                    }
                }
                appends.add(new StreamAppend<>(stream, events));
            });
            return work.appendAll(Streams.ALERT, appends);
        });
    }
}
