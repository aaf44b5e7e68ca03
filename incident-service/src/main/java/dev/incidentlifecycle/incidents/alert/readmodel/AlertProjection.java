package dev.incidentlifecycle.incidents.alert.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.incidentlifecycle.eventstore.AggregateType;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.eventstore.Projection;
import dev.incidentlifecycle.eventstore.RecordedEvent;
import dev.incidentlifecycle.eventstore.SqlRows;
import dev.incidentlifecycle.incidents.alert.AlertEvent;
import dev.incidentlifecycle.incidents.alert.AlertStatus;
import dev.incidentlifecycle.incidents.eventlog.Streams;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    private static Uni<Void> insert(Mutiny.Session session, List<Row> rows) {
        var query = session.createNativeQuery("insert into alert (alert_id, dedup_key, status, severity, summary, source, "
                + "service, component, alert_group, alert_class, client, client_url, details, links, occurrences, incident_id, "
                + "triggered_at, received_at, last_trigger_at, acknowledged_at, resolved_at, grouped_by, version) values "
                + SqlRows.values(rows.size(), "cast(? as uuid)", "cast(? as text)", "cast(? as text)", "cast(? as text)",
                "cast(? as text)", "cast(? as text)", "cast(? as text)", "cast(? as text)", "cast(? as text)", "cast(? as text)",
                "cast(? as text)", "cast(? as text)", "cast(? as text)", "cast(? as text)", "cast(? as bigint)", "cast(? as uuid)",
                "cast(? as timestamptz)", "cast(? as timestamptz)", "cast(? as timestamptz)", "cast(? as timestamptz)",
                "cast(? as timestamptz)", "cast(? as text)", "cast(? as bigint)"));
        int p = 1;
        for (Row row : rows) {
            AlertEvent.Triggered t = row.created;
            query.setParameter(p++, t.alertId().toString())
                    .setParameter(p++, t.dedupKey())
                    .setParameter(p++, row.status)
                    .setParameter(p++, t.severity().name())
                    .setParameter(p++, t.summary())
                    .setParameter(p++, t.source())
                    .setParameter(p++, t.service())
                    .setParameter(p++, t.component())
                    .setParameter(p++, t.group())
                    .setParameter(p++, t.alertClass())
                    .setParameter(p++, t.client())
                    .setParameter(p++, t.clientUrl())
                    .setParameter(p++, json(t.customDetails()))
                    .setParameter(p++, json(t.links()))
                    .setParameter(p++, row.occurrences)
                    .setParameter(p++, row.incidentId == null ? null : row.incidentId.toString())
                    .setParameter(p++, time(t.triggeredAt()))
                    .setParameter(p++, time(t.receivedAt()))
                    .setParameter(p++, time(row.lastTriggerAt))
                    .setParameter(p++, time(row.acknowledgedAt))
                    .setParameter(p++, time(row.resolvedAt))
                    .setParameter(p++, row.groupedBy)
                    .setParameter(p++, row.version);
        }
        return query.executeUpdate().replaceWithVoid();
    }

    /** Only what the events changed: a null in the values keeps the row's column. */
    private static Uni<Void> update(Mutiny.Session session, List<Row> rows) {
        var query = session.createNativeQuery("update alert a set status = coalesce(v.status, a.status), "
                + "occurrences = coalesce(v.occurrences, a.occurrences), last_trigger_at = coalesce(v.last_trigger_at, a.last_trigger_at), "
                + "acknowledged_at = coalesce(v.acknowledged_at, a.acknowledged_at), resolved_at = coalesce(v.resolved_at, a.resolved_at), "
                + "incident_id = case when v.detached then null else coalesce(v.incident_id, a.incident_id) end, "
                + "grouped_by = coalesce(v.grouped_by, a.grouped_by), version = v.version from (values "
                + SqlRows.values(rows.size(), "cast(? as uuid)", "cast(? as text)", "cast(? as bigint)", "cast(? as timestamptz)",
                "cast(? as timestamptz)", "cast(? as timestamptz)", "cast(? as uuid)", "cast(? as boolean)", "cast(? as text)", "cast(? as bigint)")
                + ") as v(alert_id, status, occurrences, last_trigger_at, acknowledged_at, resolved_at, incident_id, detached, grouped_by, version) "
                + "where a.alert_id = v.alert_id");
        int p = 1;
        for (Row row : rows) {
            query.setParameter(p++, row.alertId.toString())
                    .setParameter(p++, row.status)
                    .setParameter(p++, row.occurrences)
                    .setParameter(p++, time(row.lastTriggerAt))
                    .setParameter(p++, time(row.acknowledgedAt))
                    .setParameter(p++, time(row.resolvedAt))
                    .setParameter(p++, row.incidentId == null ? null : row.incidentId.toString())
                    .setParameter(p++, row.detached)
                    .setParameter(p++, row.groupedBy)
                    .setParameter(p++, row.version);
        }
        return query.executeUpdate().invoke(updated -> {
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

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write alert details as JSON", e);
        }
    }
}
