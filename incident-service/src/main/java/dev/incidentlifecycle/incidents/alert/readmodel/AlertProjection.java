package dev.incidentlifecycle.incidents.alert.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.incidentlifecycle.eventstore.AggregateType;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.eventstore.Projection;
import dev.incidentlifecycle.eventstore.RecordedEvent;
import dev.incidentlifecycle.eventstore.SqlColumns;
import dev.incidentlifecycle.eventstore.SqlRows;
import dev.incidentlifecycle.incidents.alert.AlertEvent;
import dev.incidentlifecycle.incidents.alert.AlertStatus;
import dev.incidentlifecycle.incidents.eventlog.Streams;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps the {@code alert} read model: one row per alert, updated by each event of its dedup key's stream.
 * Set-based, because an alert storm is its load: a transaction's events are folded per alert in memory, then the
 * new alerts are one multi-row insert and the changed ones one multi-row update, whatever their number.
 */
@ApplicationScoped
public class AlertProjection implements Projection<AlertEvent> {

    public static final String NAME = "alerts";

    @Override
    public AggregateType<?, ?, AlertEvent> aggregate() {
        return Streams.ALERT;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Void> apply(Mutiny.Session session, RecordedEvent<AlertEvent> recorded) {
        return applyAll(session, List.of(recorded));
    }

    @Override
    public Uni<Void> applyAll(Mutiny.Session session, List<RecordedEvent<AlertEvent>> events) {
        Map<UUID, Row> rows = new LinkedHashMap<>();
        for (RecordedEvent<AlertEvent> recorded : events) {
            AlertEvent event = recorded.event();
            Row row = rows.computeIfAbsent(event.alertId(), id -> new Row());
            row.fold(event, recorded.streamVersion());
        }
        List<Row> created = new ArrayList<>();
        List<Row> changed = new ArrayList<>();
        rows.forEach((id, row) -> (row.created != null ? created : changed).add(row));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (List<Row> chunk : SqlRows.chunks(created)) {
            chain = chain.flatMap(v -> insert(session, chunk));
        }
        for (List<Row> chunk : SqlRows.chunks(changed)) {
            chain = chain.flatMap(v -> update(session, chunk));
        }
        return chain;
    }

    @Override
    public List<String> tables() {
        return List.of("alert");
    }

    private static final String INSERT = "insert into alert (alert_id, dedup_key, status, severity, summary, source, "
            + "service, component, alert_group, alert_class, client, client_url, details, links, occurrences, incident_id, "
            + "triggered_at, received_at, last_trigger_at, acknowledged_at, resolved_at, grouped_by, version) "
            + "select cast(r.alert_id as uuid), r.dedup_key, r.status, r.severity, r.summary, r.source, r.service, r.component, "
            + "r.alert_group, r.alert_class, r.client, r.client_url, r.details, r.links, cast(r.occurrences as bigint), "
            + "cast(r.incident_id as uuid), cast(r.triggered_at as timestamptz), cast(r.received_at as timestamptz), "
            + "cast(r.last_trigger_at as timestamptz), cast(r.acknowledged_at as timestamptz), "
            + "cast(r.resolved_at as timestamptz), r.grouped_by, cast(r.version as bigint) from "
            + SqlColumns.unnest("r", "alert_id", "dedup_key", "status", "severity", "summary", "source", "service", "component",
            "alert_group", "alert_class", "client", "client_url", "details", "links", "occurrences", "incident_id",
            "triggered_at", "received_at", "last_trigger_at", "acknowledged_at", "resolved_at", "grouped_by", "version")
            + " order by r.position";

    /** Only what the events changed: a null in the values keeps the row's column. */
    private static final String UPDATE = "update alert a set status = coalesce(v.status, a.status), "
            + "occurrences = coalesce(cast(v.occurrences as bigint), a.occurrences), "
            + "last_trigger_at = coalesce(cast(v.last_trigger_at as timestamptz), a.last_trigger_at), "
            + "acknowledged_at = coalesce(cast(v.acknowledged_at as timestamptz), a.acknowledged_at), "
            + "resolved_at = coalesce(cast(v.resolved_at as timestamptz), a.resolved_at), "
            + "incident_id = case when cast(v.detached as boolean) then null else coalesce(cast(v.incident_id as uuid), a.incident_id) end, "
            + "grouped_by = coalesce(v.grouped_by, a.grouped_by), version = cast(v.version as bigint) from "
            + SqlColumns.unnest("v", "alert_id", "status", "occurrences", "last_trigger_at", "acknowledged_at", "resolved_at",
            "incident_id", "detached", "grouped_by", "version")
            + " where a.alert_id = cast(v.alert_id as uuid)";

    private static Uni<Void> insert(Mutiny.Session session, List<Row> rows) {
        SqlColumns columns = new SqlColumns(23, rows.size());
        for (Row row : rows) {
            AlertEvent.Triggered t = row.created;
            columns.row().add(t.alertId()).add(t.dedupKey()).add(row.status).add(t.severity().name()).add(t.summary())
                    .add(t.source()).add(t.service()).add(t.component()).add(t.group()).add(t.alertClass()).add(t.client())
                    .add(t.clientUrl()).add(json(t.customDetails())).add(json(t.links())).add(row.occurrences)
                    .add(row.incidentId).add(t.triggeredAt()).add(t.receivedAt()).add(row.lastTriggerAt)
                    .add(row.acknowledgedAt).add(row.resolvedAt).add(row.groupedBy).add(row.version);
        }
        return columns.bind(session.createNativeQuery(INSERT)).executeUpdate().replaceWithVoid();
    }

    private static Uni<Void> update(Mutiny.Session session, List<Row> rows) {
        SqlColumns columns = new SqlColumns(10, rows.size());
        for (Row row : rows) {
            columns.row().add(row.alertId).add(row.status).add(row.occurrences).add(row.lastTriggerAt)
                    .add(row.acknowledgedAt).add(row.resolvedAt).add(row.incidentId).add(row.detached)
                    .add(row.groupedBy).add(row.version);
        }
        return columns.bind(session.createNativeQuery(UPDATE)).executeUpdate().invoke(updated -> {
            if (updated != rows.size()) {
                throw new IllegalStateException((rows.size() - updated)
                        + " alerts have events but no row: rebuild the alerts read model");
            }
        }).replaceWithVoid();
    }

    /** One alert's columns after a transaction's events; for an alert the transaction created, the whole row. */
    private static final class Row {
        UUID alertId;
        AlertEvent.Triggered created;
        String status;
        Long occurrences;
        Instant lastTriggerAt;
        Instant acknowledgedAt;
        Instant resolvedAt;
        UUID incidentId;
        /** Whether the transaction's last word on the incident was a detachment (a null incidentId alone keeps the column). */
        boolean detached;
        String groupedBy;
        long version;

        void fold(AlertEvent event, long streamVersion) {
            alertId = event.alertId();
            version = streamVersion;
            if (event instanceof AlertEvent.Triggered t) {
                created = t;
                status = AlertStatus.TRIGGERED.name();
                occurrences = 1L;
                lastTriggerAt = t.receivedAt();
            } else if (event instanceof AlertEvent.Repeated r) {
                occurrences = r.occurrences();
                lastTriggerAt = r.repeatedAt();
            } else if (event instanceof AlertEvent.Acknowledged a) {
                status = AlertStatus.ACKNOWLEDGED.name();
                acknowledgedAt = a.acknowledgedAt();
            } else if (event instanceof AlertEvent.Resolved r) {
                status = AlertStatus.RESOLVED.name();
                resolvedAt = r.resolvedAt();
            } else if (event instanceof AlertEvent.AttachedToIncident a) {
                incidentId = a.incidentId();
                groupedBy = a.groupedBy();
                detached = false;
            } else if (event instanceof AlertEvent.MovedToIncident m) {
                incidentId = m.incidentId();
                detached = false;
            } else if (event instanceof AlertEvent.DetachedFromIncident) {
                incidentId = null;
                detached = true;
            } else {
                throw new IllegalArgumentException("unknown alert event " + event);
            }
        }
    }

    private static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write alert details as JSON", e);
        }
    }
}
