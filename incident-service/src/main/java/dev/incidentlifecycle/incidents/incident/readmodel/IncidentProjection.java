package dev.incidentlifecycle.incidents.incident.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.incidentlifecycle.eventstore.AggregateType;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.eventstore.Projection;
import dev.incidentlifecycle.eventstore.RecordedEvent;
import dev.incidentlifecycle.eventstore.SqlRows;
import dev.incidentlifecycle.incidents.eventlog.Streams;
import dev.incidentlifecycle.incidents.incident.IncidentEvent;
import dev.incidentlifecycle.incidents.incident.IncidentState;
import dev.incidentlifecycle.incidents.incident.ResponseTimes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    private static Uni<Void> upsert(Mutiny.Session session, List<Folded> rows) {
        var query = session.createNativeQuery("insert into incident (id, number, title, status, severity, service, commander, "
                + "source, declared_at, detected_at, acknowledged_at, mitigated_at, resolved_at, closed_at, grouping_key, "
                + "last_alert_at, time_to_acknowledge_ms, time_to_mitigate_ms, time_to_resolve_ms, state, version) values "
                + SqlRows.values(rows.size(), "cast(? as uuid)", "cast(? as text)", "cast(? as text)", "cast(? as text)",
                "cast(? as text)", "cast(? as text)", "cast(? as text)", "cast(? as text)", "cast(? as timestamptz)",
                "cast(? as timestamptz)", "cast(? as timestamptz)", "cast(? as timestamptz)", "cast(? as timestamptz)",
                "cast(? as timestamptz)", "cast(? as text)", "cast(? as timestamptz)", "cast(? as bigint)", "cast(? as bigint)",
                "cast(? as bigint)", "cast(? as text)", "cast(? as bigint)")
                + " on conflict (id) do update set number = excluded.number, title = excluded.title, status = excluded.status, "
                + "severity = excluded.severity, service = excluded.service, commander = excluded.commander, "
                + "source = excluded.source, declared_at = excluded.declared_at, detected_at = excluded.detected_at, "
                + "acknowledged_at = excluded.acknowledged_at, mitigated_at = excluded.mitigated_at, "
                + "resolved_at = excluded.resolved_at, closed_at = excluded.closed_at, grouping_key = excluded.grouping_key, "
                // A state folded before the latest alert time was kept leaves the migrated column as it is.
                + "last_alert_at = coalesce(excluded.last_alert_at, incident.last_alert_at), "
                + "time_to_acknowledge_ms = excluded.time_to_acknowledge_ms, time_to_mitigate_ms = excluded.time_to_mitigate_ms, "
                + "time_to_resolve_ms = excluded.time_to_resolve_ms, state = excluded.state, version = excluded.version");
        int p = 1;
        for (Folded row : rows) {
            IncidentState incident = row.incident();
            ResponseTimes times = incident.responseTimes();
            query.setParameter(p++, incident.id().toString())
                    .setParameter(p++, incident.number())
                    .setParameter(p++, incident.title())
                    .setParameter(p++, incident.status().name())
                    .setParameter(p++, incident.severity().name())
                    .setParameter(p++, incident.service())
                    .setParameter(p++, incident.commander())
                    .setParameter(p++, incident.source().name())
                    .setParameter(p++, time(incident.declaredAt()))
                    .setParameter(p++, time(incident.detectedAt()))
                    .setParameter(p++, time(incident.acknowledgedAt()))
                    .setParameter(p++, time(incident.mitigatedAt()))
                    .setParameter(p++, time(incident.resolvedAt()))
                    .setParameter(p++, time(incident.closedAt()))
                    .setParameter(p++, incident.groupingKey())
                    .setParameter(p++, time(incident.lastAlertAt()))
                    .setParameter(p++, millis(times.timeToAcknowledge()))
                    .setParameter(p++, millis(times.timeToMitigate()))
                    .setParameter(p++, millis(times.timeToResolve()))
                    .setParameter(p++, json(incident))
                    .setParameter(p++, row.version());
        }
        return query.executeUpdate().replaceWithVoid();
    }

    private static String json(IncidentState incident) {
        try {
            return EventJson.mapper().writeValueAsString(incident);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the state of incident " + incident.id(), e);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }
}
