package dev.incidentlifecycle.incidents.alert.handling;

import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.ConcurrencyConflict;
import dev.incidentlifecycle.eventstore.Loaded;
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
import dev.incidentlifecycle.incidents.incident.IncidentState;
import dev.incidentlifecycle.incidents.incident.IncidentStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What a batch's new and resolved alerts mean for incidents, decided in the batch's transaction:
 * <ul>
 *   <li>a new alert ({@code alert.triggered}) goes through the {@link DeclarationPolicy}: declare an incident
 *       (numbered from the {@code incident_number} sequence), attach the alert to the service's open incident,
 *       or record the alert only;</li>
 *   <li>when an incident's last open alert resolves, the incident gets the "all alerts resolved" entry (and
 *       resolves, if the policy says so).</li>
 * </ul>
 * Triage is optimistic, so that the part of a batch that other batches wait for is short. The batch decides
 * against the open incidents as they were before it took any lock ({@link #openIncidents}) and writes its alert
 * events; only then does it take the locks of the grouping keys it triaged and of the incidents whose alerts it
 * resolved, all in one statement and one order ({@link UnitOfWork#lockAll}), so that two batches never wait for
 * each other in a cycle. Under them it reads the open incidents again ({@link #confirm}): if any incident it
 * decided against has changed (another batch or instance declared for the key meanwhile, or the incident
 * closed), the batch fails with a {@link ConcurrencyConflict} and runs again from the start. Otherwise it loads
 * the incidents, numbers its declarations, and decides its incident commands against the incidents as they are
 * now. So alerts of one service handled by two instances at once never both declare, and two batches resolving
 * one incident's alerts never each see the other's alert still open.
 */
@ApplicationScoped
public class AlertTriage {

    private static final String SERVICE_LOCK = "service:";
    private static final String INCIDENT_LOCK = "incident-alerts:";

    private final DeclarationPolicy policy;
    private final IncidentStates incidents = new IncidentStates();

    /**
     * The lock of an incident's set of alerts: held by a batch that resolves its alerts, and by anything else that
     * changes which alerts it has (detaching, merging), so none of them sees the set change under it.
     */
    public static String incidentLock(UUID incidentId) {
        return INCIDENT_LOCK + incidentId;
    }

    AlertTriage(DeclarationPolicy policy) {
        this.policy = policy;
    }

    /**
     * The open incidents of the grouping keys a batch may declare for, as committed before the batch takes any lock:
     * what it triages against.
     */
    Uni<OpenIncidents> openIncidents(UnitOfWork work, Set<String> groupingKeys) {
        return openIncidentsOf(work, groupingKeys).map(open -> new OpenIncidents(candidatesOf(open)));
    }

    /**
     * Takes the batch's locks, checks that the incidents it triaged against are still the open ones, and decides its
     * incident commands against the incidents as they are under the locks. A batch that resolved alerts of an
     * incident gets that incident's "all alerts resolved" entry when none is left open. An open incident whose state
     * a batch committed before, at the version its row has now, is not read again.
     */
    Uni<Void> confirm(UnitOfWork work, AlertBatch batch, OpenIncidents triaged, Map<UUID, CommandContext> resolved) {
        List<String> locks = new ArrayList<>();
        triaged.keys().forEach(key -> locks.add(SERVICE_LOCK + key));
        resolved.keySet().forEach(id -> locks.add(incidentLock(id)));
        return work.lockAll(locks)
                .flatMap(v -> openIncidentsOf(work, triaged.keys()))
                .flatMap(now -> {
                    String changed = triaged.changedIn(candidatesOf(now));
                    if (changed != null) {
                        return Uni.createFrom().failure(new ConcurrencyConflict("the open incident of " + changed
                                + " changed while the batch triaged its alerts; triaging the batch again"));
                    }
                    List<String> ids = new ArrayList<>();
                    for (OpenIncident open : now.values()) {
                        UUID id = open.candidate().incidentId();
                        Loaded<IncidentState> known = incidents.at(id, open.version());
                        if (known != null) {
                            batch.knowIncident(id, known);
                        } else {
                            ids.add(id.toString());
                        }
                    }
                    resolved.keySet().forEach(id -> ids.add(id.toString()));
                    return work.loadAll(Streams.INCIDENT, ids);
                })
                .invoke(loaded -> loaded.forEach((id, incident) -> batch.knowIncident(UUID.fromString(id), incident)))
                .flatMap(loaded -> work.nextValues("incident_number", batch.declarationsQueued()))
                .invoke(batch::decideIncidentCommands)
                .flatMap(v -> alertsResolved(work, batch, resolved));
    }

    /** The incidents' states a batch's transaction committed: what later batches need not read again. */
    void committed(Collection<Loaded<IncidentState>> states) {
        incidents.putAll(states);
    }

    /** Incidents whose stream another writer moved on meanwhile: read them from the log next time. */
    void forget(Collection<UUID> ids) {
        incidents.forget(ids);
    }

    /** The grouping key of a signal: what the batch locks for it, and what it groups by. */
    String groupingKeyOf(AlertSignal signal) {
        return policy.groupingKey(signal.service(), signal.customDetails());
    }

    /** Declares, attaches or records a newly triggered alert, in the batch's memory. */
    void newAlert(UnitOfWork work, AlertBatch batch, OpenIncidents open, AlertEvent.Triggered alert, CommandContext context,
                  String traceParent) {
        String key = policy.groupingKey(alert.service(), alert.customDetails());
        CandidateIncident candidate = open.of(key);
        Instant now = work.recordedAt();
        AlertDecision decision = policy.decide(alert, candidate, now);
        if (decision instanceof AlertDecision.Declare declare) {
            UUID incidentId = UUID.randomUUID();
            batch.declaration(incidentId, number -> new IncidentCommand.Declare(incidentId, Incident.number(number),
                    declare.title(), declare.severity(), alert.service(), null, null, AlertReference.of(alert), key,
                    context.actor(), null, now), context, traceParent);
            if (key != null) {
                open.update(key, new CandidateIncident(incidentId, key, IncidentStatus.INVESTIGATING, now, now));
            }
            attachAlert(work, batch, alert, incidentId, declare.rule(), context, traceParent);
        } else if (decision instanceof AlertDecision.AttachTo attach
                && attachAlert(work, batch, alert, attach.incidentId(), attach.rule(), context, traceParent)) {
            // Declared by an instance whose clock may run a little ahead.
            Instant attachedAt = candidate.declaredAt().isAfter(now) ? candidate.declaredAt() : now;
            batch.incidentCommand(attach.incidentId(), new IncidentCommand.AttachAlert(AlertReference.of(alert),
                    context.actor(), null, attachedAt), context, traceParent);
            // The window slides: the next alert of the batch counts from this one.
            open.update(key, new CandidateIncident(candidate.incidentId(), key, candidate.status(), candidate.declaredAt(), now));
        }
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
     * After the batch's alert rows are written, under the incidents' locks: each incident of {@code resolved} whose
     * alerts are now all resolved gets its "all alerts resolved" entry.
     */
    private Uni<Void> alertsResolved(UnitOfWork work, AlertBatch batch, Map<UUID, CommandContext> resolved) {
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
            batch.decideIncidentCommands(List.of());
        }).replaceWithVoid();
    }

    /** A grouping key's open incident as its row has it: what triage decides against, and its stream's version. */
    private record OpenIncident(CandidateIncident candidate, long version) {
    }

    private static Map<String, CandidateIncident> candidatesOf(Map<String, OpenIncident> open) {
        Map<String, CandidateIncident> candidates = new HashMap<>();
        open.forEach((key, incident) -> candidates.put(key, incident.candidate()));
        return candidates;
    }

    /** Each grouping key's most recently declared incident that is still open, as this transaction sees it. */
    private static Uni<Map<String, OpenIncident>> openIncidentsOf(UnitOfWork work, Collection<String> keys) {
        Map<String, OpenIncident> open = new HashMap<>();
        if (keys.isEmpty()) {
            return Uni.createFrom().item(open);
        }
        List<String> list = List.copyOf(keys);
        var query = work.session().createNativeQuery("select distinct on (grouping_key) cast(id as text), grouping_key, status, "
                + "declared_at, last_alert_at, version from incident where status in ('INVESTIGATING', 'MITIGATED') and grouping_key in ("
                + SqlRows.list(list.size(), 1, "cast(? as text)") + ") order by grouping_key, declared_at desc, id desc", Object[].class);
        for (int i = 0; i < list.size(); i++) {
            query.setParameter(i + 1, list.get(i));
        }
        return query.getResultList().map(rows -> {
            for (Object[] row : rows) {
                open.put((String) row[1], new OpenIncident(new CandidateIncident(UUID.fromString((String) row[0]), (String) row[1],
                        IncidentStatus.valueOf((String) row[2]), Timestamps.toInstant(row[3]),
                        row[4] == null ? null : Timestamps.toInstant(row[4])), ((Number) row[5]).longValue()));
            }
            return open;
        });
    }

    /**
     * The open incident of each grouping key a batch triages: as read before its locks, and as its own decisions
     * change it (a declaration, the window sliding). {@link #changedIn} says whether another batch changed one
     * that the batch decided against.
     */
    static final class OpenIncidents {

        private final Map<String, CandidateIncident> before;
        private final Map<String, CandidateIncident> current;
        private final Set<String> used = new HashSet<>();

        private OpenIncidents(Map<String, CandidateIncident> before) {
            this.before = Map.copyOf(before);
            this.current = new HashMap<>(before);
        }

        /** The keys the batch triaged an alert of: the ones it locks. */
        Set<String> keys() {
            return used;
        }

        CandidateIncident of(String key) {
            if (key == null) {
                return null;
            }
            used.add(key);
            return current.get(key);
        }

        /** The key's open incident after one of the batch's decisions. */
        void update(String key, CandidateIncident incident) {
            current.put(key, incident);
        }

        /** A key the batch decided against whose open incident is another one now, or null when none changed. */
        String changedIn(Map<String, CandidateIncident> now) {
            for (String key : used) {
                CandidateIncident then = before.get(key);
                CandidateIncident open = now.get(key);
                if (!Objects.equals(then == null ? null : then.incidentId(), open == null ? null : open.incidentId())) {
                    return key;
                }
            }
            return null;
        }
    }
}
