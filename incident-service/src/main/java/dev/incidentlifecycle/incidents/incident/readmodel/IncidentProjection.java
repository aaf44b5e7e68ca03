package dev.incidentlifecycle.incidents.incident.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.incidentlifecycle.eventstore.AggregateType;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.eventstore.Projection;
import dev.incidentlifecycle.eventstore.RecordedEvent;
import dev.incidentlifecycle.eventstore.SqlColumns;
import dev.incidentlifecycle.eventstore.SqlRows;
import dev.incidentlifecycle.incidents.eventlog.Streams;
import dev.incidentlifecycle.incidents.incident.IncidentEvent;
import dev.incidentlifecycle.incidents.incident.IncidentState;
import dev.incidentlifecycle.incidents.incident.ResponseTimes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps the {@code incident} read model: the incident's state is folded event by event with the domain's own
 * {@code evolve}, so the row always says what the aggregate says, and the filter columns are copied from it.
 * Set-based, because a storm attaches alerts to a few incidents in every batch: a transaction's events are folded
 * per incident in memory from the rows read in one statement, then written back in one multi-row upsert.
 */
@ApplicationScoped
public class IncidentProjection implements Projection<IncidentEvent> {

    public static final String NAME = "incidents";

    @Override
    public AggregateType<?, ?, IncidentEvent> aggregate() {
        return Streams.INCIDENT;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Void> apply(Mutiny.Session session, RecordedEvent<IncidentEvent> recorded) {
        return applyAll(session, List.of(recorded));
    }

    @Override
    public Uni<Void> applyAll(Mutiny.Session session, List<RecordedEvent<IncidentEvent>> events) {
        Map<UUID, List<RecordedEvent<IncidentEvent>>> byIncident = new LinkedHashMap<>();
        for (RecordedEvent<IncidentEvent> recorded : events) {
            byIncident.computeIfAbsent(recorded.event().incidentId(), id -> new ArrayList<>()).add(recorded);
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (List<UUID> chunk : SqlRows.chunks(List.copyOf(byIncident.keySet()))) {
            chain = chain.flatMap(v -> statesOf(session, chunk)).flatMap(before -> {
                List<Folded> rows = new ArrayList<>(chunk.size());
                for (UUID id : chunk) {
                    IncidentState state = before.getOrDefault(id, Streams.INCIDENT.decider().initialState());
                    long version = 0;
                    for (RecordedEvent<IncidentEvent> recorded : byIncident.get(id)) {
                        state = Streams.INCIDENT.decider().evolve(state, recorded.event());
                        version = recorded.streamVersion();
                    }
                    rows.add(new Folded(state, version));
                }
                return upsert(session, rows);
            });
        }
        return chain;
    }

    @Override
    public List<String> tables() {
        return List.of("incident");
    }

    private record Folded(IncidentState incident, long version) {
    }

    private static Uni<Map<UUID, IncidentState>> statesOf(Mutiny.Session session, List<UUID> ids) {
        var query = session.createNativeQuery("select cast(id as text), state from incident where id in ("
                + SqlRows.list(ids.size(), 1, "cast(? as uuid)") + ")", Object[].class);
        for (int i = 0; i < ids.size(); i++) {
            query.setParameter(i + 1, ids.get(i).toString());
        }
        return query.getResultList().map(rows -> {
            Map<UUID, IncidentState> states = new HashMap<>();
            for (Object[] row : rows) {
                UUID id = UUID.fromString((String) row[0]);
                try {
                    states.put(id, EventJson.mapper().readValue((String) row[1], IncidentState.class));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("the incidents read model holds an unreadable state for " + id
                            + "; rebuild it: " + e.getOriginalMessage(), e);
                }
            }
            return states;
        });
    }

    private static final String UPSERT = "insert into incident (id, number, title, status, severity, service, commander, "
            + "source, declared_at, detected_at, acknowledged_at, mitigated_at, resolved_at, closed_at, grouping_key, "
            + "last_alert_at, time_to_acknowledge_ms, time_to_mitigate_ms, time_to_resolve_ms, state, version) "
            + "select cast(r.id as uuid), r.number, r.title, r.status, r.severity, r.service, r.commander, r.source, "
            + "cast(r.declared_at as timestamptz), cast(r.detected_at as timestamptz), cast(r.acknowledged_at as timestamptz), "
            + "cast(r.mitigated_at as timestamptz), cast(r.resolved_at as timestamptz), cast(r.closed_at as timestamptz), "
            + "r.grouping_key, cast(r.last_alert_at as timestamptz), cast(r.time_to_acknowledge_ms as bigint), "
            + "cast(r.time_to_mitigate_ms as bigint), cast(r.time_to_resolve_ms as bigint), r.state, cast(r.version as bigint) from "
            + SqlColumns.unnest("r", "id", "number", "title", "status", "severity", "service", "commander", "source",
            "declared_at", "detected_at", "acknowledged_at", "mitigated_at", "resolved_at", "closed_at", "grouping_key",
            "last_alert_at", "time_to_acknowledge_ms", "time_to_mitigate_ms", "time_to_resolve_ms", "state", "version")
            + " order by r.position"
            + " on conflict (id) do update set number = excluded.number, title = excluded.title, status = excluded.status, "
            + "severity = excluded.severity, service = excluded.service, commander = excluded.commander, "
            + "source = excluded.source, declared_at = excluded.declared_at, detected_at = excluded.detected_at, "
            + "acknowledged_at = excluded.acknowledged_at, mitigated_at = excluded.mitigated_at, "
            + "resolved_at = excluded.resolved_at, closed_at = excluded.closed_at, grouping_key = excluded.grouping_key, "
            // A state folded before the latest alert time was kept leaves the migrated column as it is.
            + "last_alert_at = coalesce(excluded.last_alert_at, incident.last_alert_at), "
            + "time_to_acknowledge_ms = excluded.time_to_acknowledge_ms, time_to_mitigate_ms = excluded.time_to_mitigate_ms, "
            + "time_to_resolve_ms = excluded.time_to_resolve_ms, state = excluded.state, version = excluded.version";

    private static Uni<Void> upsert(Mutiny.Session session, List<Folded> rows) {
        SqlColumns columns = new SqlColumns(21, rows.size());
        for (Folded row : rows) {
            IncidentState incident = row.incident();
            ResponseTimes times = incident.responseTimes();
            columns.row().add(incident.id()).add(incident.number()).add(incident.title()).add(incident.status().name())
                    .add(incident.severity().name()).add(incident.service()).add(incident.commander())
                    .add(incident.source().name()).add(incident.declaredAt()).add(incident.detectedAt())
                    .add(incident.acknowledgedAt()).add(incident.mitigatedAt()).add(incident.resolvedAt())
                    .add(incident.closedAt()).add(incident.groupingKey()).add(incident.lastAlertAt())
                    .add(millis(times.timeToAcknowledge())).add(millis(times.timeToMitigate()))
                    .add(millis(times.timeToResolve())).add(json(incident)).add(row.version());
        }
        return columns.bind(session.createNativeQuery(UPSERT)).executeUpdate().replaceWithVoid();
    }

    private static String json(IncidentState incident) {
        try {
            return EventJson.mapper().writeValueAsString(incident);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the state of incident " + incident.id(), e);
        }
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }
}
