package dev.incidentlifecycle.incidents.alert.handling;

import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.SqlRows;
import dev.incidentlifecycle.eventstore.Timestamps;
import dev.incidentlifecycle.eventstore.UnitOfWork;
import dev.incidentlifecycle.incidents.alert.AlertCommand;
import dev.incidentlifecycle.incidents.alert.AlertEvent;
import dev.incidentlifecycle.incidents.alert.AlertSignal;
import dev.incidentlifecycle.incidents.alert.AlertStatus;
import dev.incidentlifecycle.incidents.declaration.AlertDecision;
import dev.incidentlifecycle.incidents.declaration.CandidateIncident;
import dev.incidentlifecycle.incidents.declaration.DeclarationPolicy;
import dev.incidentlifecycle.incidents.eventlog.Streams;
import dev.incidentlifecycle.incidents.incident.AlertReference;
import dev.incidentlifecycle.incidents.incident.Incident;
import dev.incidentlifecycle.incidents.incident.IncidentCommand;
import dev.incidentlifecycle.incidents.incident.IncidentStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a batch's new and resolved alerts mean for incidents, decided in the batch's transaction:
 * <ul>
 *   <li>a new alert ({@code alert.triggered}) goes through the {@link DeclarationPolicy}: declare an incident
 *       (numbered from the {@code incident_number} sequence), attach the alert to the service's open incident,
 *       or record the alert only. The batch holds the lock of every service it may declare for, so alerts of one
 *       service handled by two instances at once never both declare;</li>
 *   <li>when an incident's last open alert resolves, the incident gets the "all alerts resolved" entry (and
 *       resolves, if the policy says so). The batch holds the incident's lock, so two batches resolving its
 *       alerts at once never each see the other's alert still open.</li>
 * </ul>
 * A batch takes all its locks in one statement, in one order ({@link UnitOfWork#lockAll}), so two batches never
 * wait for each other in a cycle. Incident commands carry no time of their own: they happen when they are
 * recorded, which can never be before the incident's declaration.
 */
@ApplicationScoped
public class AlertTriage {

    private static final String SERVICE_LOCK = "service:";
    private static final String INCIDENT_LOCK = "incident-alerts:";

    private final DeclarationPolicy policy;

    /**
     * The lock of an incident's set of alerts: held by a batch that may resolve its alerts, and by anything else that
     * changes which alerts it has (detaching, merging), so none of them sees the set change under it.
     */
    public static String incidentLock(UUID incidentId) {
        return INCIDENT_LOCK + incidentId;
    }

    AlertTriage(DeclarationPolicy policy) {
        this.policy = policy;
    }

    /** The batch's locks, taken before anything of it is decided: grouping keys it may declare for, incidents it may resolve. */
    Uni<Map<String, CandidateIncident>> prepare(UnitOfWork work, AlertBatch batch, Set<String> services, Set<UUID> resolving) {
        List<String> locks = new ArrayList<>();
        services.forEach(service -> locks.add(SERVICE_LOCK + service));
        resolving.forEach(id -> locks.add(incidentLock(id)));
        return work.lockAll(locks)
                .flatMap(v -> openIncidentsOf(work, services))
                .flatMap(candidates -> {
                    List<String> ids = new ArrayList<>();
                    candidates.values().forEach(c -> ids.add(c.incidentId().toString()));
                    resolving.forEach(id -> ids.add(id.toString()));
                    return work.loadAll(Streams.INCIDENT, ids).map(loaded -> {
                        loaded.forEach((id, incident) -> batch.knowIncident(UUID.fromString(id), incident));
                        return candidates;
                    });
                });
    }

    /** The grouping key of a signal: what the batch locks for it, and what it groups by. */
    String groupingKeyOf(AlertSignal signal) {
        return policy.groupingKey(signal.service(), signal.customDetails());
    }

    /** Declares, attaches or records a newly triggered alert, in the batch's memory. */
    Uni<Void> newAlert(UnitOfWork work, AlertBatch batch, Map<String, CandidateIncident> candidates,
                       AlertEvent.Triggered alert, CommandContext context, String traceParent) {
        String key = policy.groupingKey(alert.service(), alert.customDetails());
        CandidateIncident open = key == null ? null : candidates.get(key);
        Instant now = work.recordedAt();
        AlertDecision decision = policy.decide(alert, open, now);
        if (decision instanceof AlertDecision.Declare declare) {
            UUID incidentId = UUID.randomUUID();
            return work.nextValue("incident_number").invoke(number -> {
                batch.incidentCommand(incidentId, new IncidentCommand.Declare(incidentId, Incident.number(number),
                        declare.title(), declare.severity(), alert.service(), null, null, AlertReference.of(alert), key,
                        context.actor(), null, now), context, traceParent);
                if (key != null) {
                    candidates.put(key, new CandidateIncident(incidentId, key, IncidentStatus.INVESTIGATING, now, now));
                }
                attachAlert(work, batch, alert, incidentId, declare.rule(), context, traceParent);
            }).replaceWithVoid();
        }
        if (decision instanceof AlertDecision.AttachTo attach) {
            if (attachAlert(work, batch, alert, attach.incidentId(), attach.rule(), context, traceParent)) {
                // Declared under the lock this batch waited for, by an instance whose clock may run a little ahead.
                Instant attachedAt = open.declaredAt().isAfter(now) ? open.declaredAt() : now;
                batch.incidentCommand(attach.incidentId(), new IncidentCommand.AttachAlert(AlertReference.of(alert),
                        context.actor(), null, attachedAt), context, traceParent);
                // The window slides: the next alert of the batch counts from this one.
                candidates.put(key, new CandidateIncident(open.incidentId(), key, open.status(), open.declaredAt(), now));
            }
        }
        return Uni.createFrom().voidItem();
    }

    /** The alert's side of attaching: answers false when the alert was already there (nothing to record). */
    private static boolean attachAlert(UnitOfWork work, AlertBatch batch, AlertEvent.Triggered alert, UUID incidentId,
                                       String groupedBy, CommandContext context, String traceParent) {
        var events = Streams.ALERT.decider().decide(
                new AlertCommand.AttachToIncident(alert.alertId(), incidentId, work.recordedAt(), groupedBy),
                batch.alert(alert.dedupKey()));
        batch.alertEvents(alert.dedupKey(), events, context, traceParent);
        return !events.isEmpty();
    }

    /**
     * After the batch's alert rows are written: each incident of {@code resolved} whose alerts are now all
     * resolved gets its "all alerts resolved" entry.
     */
    Uni<Void> alertsResolved(UnitOfWork work, AlertBatch batch, Map<UUID, CommandContext> resolved) {
        if (resolved.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> ids = List.copyOf(resolved.keySet());
        var query = work.session().createNativeQuery("select cast(incident_id as text) from alert where incident_id in ("
                + SqlRows.list(ids.size(), 2, "cast(? as uuid)") + ") and status <> cast(?1 as text) group by incident_id", String.class)
                .setParameter(1, AlertStatus.RESOLVED.name());
        for (int i = 0; i < ids.size(); i++) {
            query.setParameter(i + 2, ids.get(i).toString());
        }
        return query.getResultList().invoke(stillOpen -> {
            for (UUID id : ids) {
                var incident = batch.incident(id);
                // A closed incident records nothing more; its alerts may still resolve.
                if (stillOpen.contains(id.toString()) || incident == null || !incident.hasBeenDeclared()
                        || incident.status().finished()) {
                    continue;
                }
                CommandContext context = resolved.get(id);
                batch.incidentCommand(id, new IncidentCommand.RecordAllAlertsResolved(policy.autoResolveWhenAlertsResolved(),
                        context.actor(), null, work.recordedAt()), context, null);
            }
        }).replaceWithVoid();
    }

    /** Each grouping key's most recently declared incident that is still open, as this transaction sees it. */
    private static Uni<Map<String, CandidateIncident>> openIncidentsOf(UnitOfWork work, Collection<String> keys) {
        Map<String, CandidateIncident> candidates = new HashMap<>();
        if (keys.isEmpty()) {
            return Uni.createFrom().item(candidates);
        }
        List<String> list = List.copyOf(keys);
        var query = work.session().createNativeQuery("select distinct on (grouping_key) cast(id as text), grouping_key, status, "
                + "declared_at, last_alert_at from incident where status in ('INVESTIGATING', 'MITIGATED') and grouping_key in ("
                + SqlRows.list(list.size(), 1, "cast(? as text)") + ") order by grouping_key, declared_at desc, id desc", Object[].class);
        for (int i = 0; i < list.size(); i++) {
            query.setParameter(i + 1, list.get(i));
        }
        return query.getResultList().map(rows -> {
            for (Object[] row : rows) {
                candidates.put((String) row[1], new CandidateIncident(UUID.fromString((String) row[0]), (String) row[1],
                        IncidentStatus.valueOf((String) row[2]), Timestamps.toInstant(row[3]),
                        row[4] == null ? null : Timestamps.toInstant(row[4])));
            }
            return candidates;
        });
    }
}
