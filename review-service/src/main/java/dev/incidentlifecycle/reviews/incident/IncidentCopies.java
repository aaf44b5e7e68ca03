package dev.incidentlifecycle.reviews.incident;

import dev.incidentlifecycle.eventstore.SqlRows;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import dev.incidentlifecycle.web.replay.TopicReadModel;
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
 * review-service's copies of incidents ({@code incident}) and their timelines ({@code incident_timeline}) as a read
 * model built from {@code incident-events}, replayed by {@code POST /admin/topic-read-models/incidents/replay} with the
 * consumer's own reading ({@link IncidentNews}). The replay only rebuilds these rows: it schedules, holds or cancels
 * no review and emits nothing. The one column the consumer does not take from the events, the incident's review, is
 * this service's own decision: it is taken again from the reviews read model (the incident's latest review).
 * Rows are held in memory during the replay: one per incident and one per incident event.
 */
@ApplicationScoped
public class IncidentCopies implements TopicReadModel {

    /** The read model's name in the admin API. */
    public static final String NAME = "incidents";

    private static final String[] INCIDENT_COLUMNS = {"cast(? as uuid)", "cast(? as text)", "cast(? as text)",
            "cast(? as text)", "cast(? as text)", "cast(? as text)", "cast(? as text)", "cast(? as text)", "cast(? as text)",
            "cast(? as text)", "cast(? as text)", "cast(? as timestamptz)", "cast(? as timestamptz)", "cast(? as timestamptz)",
            "cast(? as timestamptz)", "cast(? as timestamptz)"};
    private static final String[] ENTRY_COLUMNS = {"cast(? as text)", "cast(? as uuid)", "cast(? as text)", "cast(? as text)",
            "cast(? as timestamptz)", "cast(? as text)"};

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
        return List.of("incident", "incident_timeline");
    }

    @Override
    public Copy copy() {
        return new Incidents();
    }

    private static final class Incidents implements Copy {
        private final Map<UUID, IncidentRow> incidents = new LinkedHashMap<>();
        private final List<TimelineEntryRow> timeline = new ArrayList<>();

        @Override
        public void apply(IncomingMessage message, Instant timestamp) {
            IncidentNews news = IncidentNews.read(message);
            if (news == null) {
                return;
            }
            incidents.put(news.incidentId(), news.applyTo(incidents.get(news.incidentId()), timestamp));
            timeline.add(news.entry(timestamp));
        }

        @Override
        public int rows() {
            return incidents.size() + timeline.size();
        }

        @Override
        public Uni<Void> replace(Mutiny.Session session) {
            Uni<Void> chain = execute(session, "delete from incident_timeline").flatMap(v -> execute(session, "delete from incident"));
            for (List<IncidentRow> chunk : SqlRows.chunks(List.copyOf(incidents.values()))) {
                chain = chain.flatMap(v -> insertIncidents(session, chunk));
            }
            for (List<TimelineEntryRow> chunk : SqlRows.chunks(timeline)) {
                chain = chain.flatMap(v -> insertEntries(session, chunk));
            }
            // Each review created for an incident became its review: the latest one is.
            return chain.flatMap(v -> execute(session, "update incident i set review_id = (select r.id from review r "
                    + "where r.incident_id = i.id order by r.scheduled_order desc limit 1)"));
        }

        private static Uni<Void> insertIncidents(Mutiny.Session session, List<IncidentRow> chunk) {
            var statement = session.createNativeQuery("insert into incident (id, incident_number, title, severity, service, status, "
                    + "commander, responders, impact, summary, notes, declared_at, detected_at, resolved_at, closed_at, updated_at) values "
                    + SqlRows.values(chunk.size(), INCIDENT_COLUMNS));
            int p = 1;
            for (IncidentRow row : chunk) {
                statement.setParameter(p++, row.id)
                        .setParameter(p++, row.number)
                        .setParameter(p++, row.title)
                        .setParameter(p++, row.severity == null ? null : row.severity.name())
                        .setParameter(p++, row.service)
                        .setParameter(p++, row.status)
                        .setParameter(p++, row.commander)
                        .setParameter(p++, row.responders)
                        .setParameter(p++, row.impact)
                        .setParameter(p++, row.summary)
                        .setParameter(p++, row.notes)
                        .setParameter(p++, utc(row.declaredAt))
                        .setParameter(p++, utc(row.detectedAt))
                        .setParameter(p++, utc(row.resolvedAt))
                        .setParameter(p++, utc(row.closedAt))
                        .setParameter(p++, utc(row.updatedAt));
            }
            return statement.executeUpdate().replaceWithVoid();
        }

        private static Uni<Void> insertEntries(Mutiny.Session session, List<TimelineEntryRow> chunk) {
            var statement = session.createNativeQuery("insert into incident_timeline (entry_id, incident_id, event_type, actor, "
                    + "occurred_at, summary) values " + SqlRows.values(chunk.size(), ENTRY_COLUMNS));
            int p = 1;
            for (TimelineEntryRow entry : chunk) {
                statement.setParameter(p++, entry.entryId)
                        .setParameter(p++, entry.incidentId)
                        .setParameter(p++, entry.type)
                        .setParameter(p++, entry.actor)
                        .setParameter(p++, utc(entry.occurredAt))
                        .setParameter(p++, entry.summary);
            }
            return statement.executeUpdate().replaceWithVoid();
        }

        private static OffsetDateTime utc(Instant instant) {
            return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        }

        private static Uni<Void> execute(Mutiny.Session session, String sql) {
            return session.createNativeQuery(sql).executeUpdate().replaceWithVoid();
        }
    }
}
