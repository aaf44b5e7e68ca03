package dev.incidentlifecycle.actions.incident;

import dev.incidentlifecycle.actions.actionitem.ReviewOrigin;
import dev.incidentlifecycle.actions.actionitem.Severity;
import dev.incidentlifecycle.eventstore.SqlColumns;
import dev.incidentlifecycle.eventstore.StreamNotFound;
import dev.incidentlifecycle.eventstore.Timestamps;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import dev.incidentlifecycle.web.replay.TopicReadModel;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The incidents this service knows: its copy ({@code known_incident}) of what {@code incident-events} tells about each
 * (number, title, service, severity, status), written by {@link IncidentEventsConsumer} and looked up when someone
 * creates an action item by hand for an incident that has no review. A read model built from the topic
 * ({@link TopicReadModel} {@value #NAME}), replayable from its first record.
 */
@ApplicationScoped
public class KnownIncidents implements TopicReadModel {

    /** The read model's name in the admin API. */
    public static final String NAME = "known-incidents";

    private static final String[] COLUMNS = {"incident_id", "incident_number", "title", "service", "severity", "status",
            "updated_at"};

    private final Subscription subscription = Subscription.configured("incident-events");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Subscription> subscriptions() {
        return List.of(subscription);
    }

    @Override
    public List<String> tables() {
        return List.of("known_incident");
    }

    @Override
    public Copy copy() {
        return new Copy() {
            private final Map<UUID, KnownIncident> rows = new HashMap<>();

            /** As the consumer reads a record: the types it does not read change nothing. */
            @Override
            public void apply(IncomingMessage message, Instant timestamp) {
                IncidentNews news = IncidentNews.read(message);
                if (news == null) {
                    return;
                }
                KnownIncident after = news.applyTo(rows.get(news.incidentId()), message.time() != null ? message.time() : timestamp);
                if (after != null) {
                    rows.put(news.incidentId(), after);
                }
            }

            @Override
            public int rows() {
                return rows.size();
            }

            @Override
            public Uni<Void> replace(Mutiny.Session session) {
                return session.createNativeQuery("delete from known_incident").executeUpdate()
                        .flatMap(deleted -> upsert(session, List.copyOf(rows.values())));
            }
        };
    }

    /**
     * The incident alone, as an action item created by hand for it references it.
     *
     * @throws StreamNotFound (404) for an incident this service has not heard of
     */
    public static Uni<ReviewOrigin> withoutReview(Mutiny.Session session, UUID incidentId) {
        return load(session, List.of(incidentId)).map(found -> {
            KnownIncident incident = found.get(incidentId);
            if (incident == null) {
                throw new StreamNotFound("no incident " + incidentId + " is known to actions-service: it learns of incidents "
                        + "from incident-events, and of their reviews from review-events");
            }
            return incident.withoutReview();
        });
    }

    /** The known ones of {@code incidentIds}, by id: one statement. */
    static Uni<Map<UUID, KnownIncident>> load(Mutiny.Session session, Collection<UUID> incidentIds) {
        String[] ids = incidentIds.stream().map(UUID::toString).toArray(String[]::new);
        return session.createNativeQuery("select incident_id, incident_number, title, service, severity, status, updated_at "
                        + "from known_incident where incident_id = any(cast(cast(?1 as text[]) as uuid[]))", Object[].class)
                .setParameter(1, ids)
                .getResultList()
                .map(rows -> {
                    Map<UUID, KnownIncident> found = new HashMap<>();
                    for (Object[] row : rows) {
                        UUID id = row[0] instanceof UUID uuid ? uuid : UUID.fromString(row[0].toString());
                        found.put(id, new KnownIncident(id, (String) row[1], (String) row[2], (String) row[3],
                                Severity.valueOf((String) row[4]), IncidentStatus.valueOf((String) row[5]),
                                Timestamps.toInstant(row[6])));
                    }
                    return found;
                });
    }

    /** Inserts the rows, or replaces those known already: one statement per batch, at most one row per incident. */
    static Uni<Void> upsert(Mutiny.Session session, List<KnownIncident> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        SqlColumns columns = new SqlColumns(COLUMNS.length, rows.size());
        for (KnownIncident row : rows) {
            columns.row().add(row.incidentId()).add(row.number()).add(row.title()).add(row.service())
                    .add(row.severity().name()).add(row.status().name()).add(row.updatedAt());
        }
        return columns.bind(session.createNativeQuery("insert into known_incident (" + String.join(", ", COLUMNS) + ") "
                        + "select cast(r.incident_id as uuid), r.incident_number, r.title, r.service, r.severity, r.status, "
                        + "cast(r.updated_at as timestamptz) from " + SqlColumns.unnest("r", COLUMNS) + " order by r.position "
                        + "on conflict (incident_id) do update set incident_number = excluded.incident_number, "
                        + "title = excluded.title, service = excluded.service, severity = excluded.severity, "
                        + "status = excluded.status, updated_at = excluded.updated_at"))
                .executeUpdate().replaceWithVoid();
    }
}
