package dev.incidentlifecycle.incidents.incident.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.incidentlifecycle.eventstore.AggregateType;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.eventstore.Projection;
import dev.incidentlifecycle.eventstore.RecordedEvent;
import dev.incidentlifecycle.incidents.eventlog.Streams;
import dev.incidentlifecycle.incidents.incident.IncidentEvent;
import dev.incidentlifecycle.incidents.incident.IncidentState;
import dev.incidentlifecycle.incidents.incident.ResponseTimes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;
import java.time.Duration;

/**
 * Keeps the {@code incident} read model: the incident's state is folded event by event with the domain's own
 * {@code evolve}, so the row always says what the aggregate says, and the filter columns are copied from it.
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
        IncidentEvent event = recorded.event();
        return session.find(IncidentRow.class, event.incidentId()).flatMap(found -> {
            IncidentRow row = found != null ? found : new IncidentRow();
            IncidentState before = found != null ? found.incident() : Streams.INCIDENT.decider().initialState();
            IncidentState after = Streams.INCIDENT.decider().evolve(before, event);
            copy(after, row);
            row.version = recorded.streamVersion();
            return found != null ? Uni.createFrom().voidItem() : session.persist(row);
        });
    }

    @Override
    public List<String> tables() {
        return List.of("incident");
    }

    private static void copy(IncidentState incident, IncidentRow row) {
        row.id = incident.id();
        row.number = incident.number();
        row.title = incident.title();
        row.status = incident.status().name();
        row.severity = incident.severity().name();
        row.service = incident.service();
        row.commander = incident.commander();
        row.source = incident.source().name();
        row.declaredAt = incident.declaredAt();
        row.detectedAt = incident.detectedAt();
        row.acknowledgedAt = incident.acknowledgedAt();
        row.mitigatedAt = incident.mitigatedAt();
        row.resolvedAt = incident.resolvedAt();
        row.closedAt = incident.closedAt();
        row.groupingKey = incident.groupingKey();
        // A state folded before the latest alert time was kept leaves the migrated column as it is.
        row.lastAlertAt = incident.lastAlertAt() != null ? incident.lastAlertAt() : row.lastAlertAt;
        ResponseTimes times = incident.responseTimes();
        row.timeToAcknowledgeMillis = millis(times.timeToAcknowledge());
        row.timeToMitigateMillis = millis(times.timeToMitigate());
        row.timeToResolveMillis = millis(times.timeToResolve());
        try {
            row.state = EventJson.mapper().writeValueAsString(incident);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the state of incident " + incident.id(), e);
        }
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }
}
