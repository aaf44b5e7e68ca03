package dev.incidentlifecycle.incidents.alert.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.incidentlifecycle.eventstore.AggregateType;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.eventstore.Projection;
import dev.incidentlifecycle.eventstore.RecordedEvent;
import dev.incidentlifecycle.incidents.alert.AlertEvent;
import dev.incidentlifecycle.incidents.alert.AlertStatus;
import dev.incidentlifecycle.incidents.eventlog.Streams;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.UUID;
import java.util.function.Consumer;

/** Keeps the {@code alert} read model: one row per alert, updated by each event of its dedup key's stream. */
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
        AlertEvent event = recorded.event();
        long version = recorded.streamVersion();
        if (event instanceof AlertEvent.Triggered t) {
            AlertRow row = new AlertRow();
            row.alertId = t.alertId();
            row.dedupKey = t.dedupKey();
            row.status = AlertStatus.TRIGGERED.name();
            row.severity = t.severity().name();
            row.summary = t.summary();
            row.source = t.source();
            row.service = t.service();
            row.component = t.component();
            row.group = t.group();
            row.alertClass = t.alertClass();
            row.client = t.client();
            row.clientUrl = t.clientUrl();
            row.details = json(t.customDetails());
            row.links = json(t.links());
            row.occurrences = 1;
            row.triggeredAt = t.triggeredAt();
            row.receivedAt = t.receivedAt();
            row.lastTriggerAt = t.receivedAt();
            row.version = version;
            return session.persist(row);
        }
        if (event instanceof AlertEvent.Repeated r) {
            return update(session, r.alertId(), version, row -> {
                row.occurrences = r.occurrences();
                row.lastTriggerAt = r.repeatedAt();
            });
        }
        if (event instanceof AlertEvent.Acknowledged a) {
            return update(session, a.alertId(), version, row -> {
                row.status = AlertStatus.ACKNOWLEDGED.name();
                row.acknowledgedAt = a.acknowledgedAt();
            });
        }
        if (event instanceof AlertEvent.Resolved r) {
            return update(session, r.alertId(), version, row -> {
                row.status = AlertStatus.RESOLVED.name();
                row.resolvedAt = r.resolvedAt();
            });
        }
        if (event instanceof AlertEvent.AttachedToIncident a) {
            return update(session, a.alertId(), version, row -> row.incidentId = a.incidentId());
        }
        throw new IllegalArgumentException("unknown alert event " + event);
    }

    @Override
    public Uni<Void> reset(Mutiny.Session session) {
        return session.createMutationQuery("delete from AlertRow").executeUpdate().replaceWithVoid();
    }

    private static Uni<Void> update(Mutiny.Session session, UUID alertId, long version, Consumer<AlertRow> change) {
        return session.find(AlertRow.class, alertId).invoke(row -> {
            if (row == null) {
                throw new IllegalStateException("alert " + alertId + " has events but no row: rebuild the alerts read model");
            }
            change.accept(row);
            row.version = version;
        }).replaceWithVoid();
    }

    private static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write alert details as JSON", e);
        }
    }
}
