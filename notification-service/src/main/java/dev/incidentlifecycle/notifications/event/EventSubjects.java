package dev.incidentlifecycle.notifications.event;

import dev.incidentlifecycle.eventstore.SqlRows;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import dev.incidentlifecycle.web.replay.TopicReadModel;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts known of each incident, review and action item ({@code event_subject}), as a read model built from the
 * three topics the consumers read: loaded and saved here for {@link EventsToNotify}, and replayed by
 * {@code POST /admin/topic-read-models/event-subjects/replay} with the consumers' own reading
 * ({@link NotifiedEvent#of}, {@link SubjectFacts#with}). A replay rebuilds only these facts: it records and sends no
 * delivery. Each subject's facts come from its own events, all on one partition of one topic, so the topics'
 * relative order does not matter. The facts are held in memory during the replay: one small row per subject.
 */
@ApplicationScoped
public class EventSubjects implements TopicReadModel {

    /** The read model's name in the admin API. */
    public static final String NAME = "event-subjects";

    private static final String[] COLUMNS = {"cast(? as text)", "cast(? as text)", "cast(? as text)", "cast(? as text)",
            "cast(? as text)", "cast(? as text)", "cast(? as text)"};

    private final List<Subscription> subscriptions = List.of(Subscription.configured("incident-events"),
            Subscription.configured("review-events"), Subscription.configured("action-item-events"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Subscription> subscriptions() {
        return subscriptions;
    }

    @Override
    public List<String> tables() {
        return List.of("event_subject");
    }

    @Override
    public Copy copy() {
        return new Facts();
    }

    /** The facts kept under these subject keys; keys without a row are left out. */
    static Uni<Map<String, SubjectFacts>> load(Mutiny.Session session, List<String> keys) {
        var query = session.createNativeQuery("select subject_id, service, team, severity, number, title, incident_id "
                + "from event_subject where subject_id in (" + SqlRows.list(keys.size(), 1, "cast(? as text)") + ")", Object[].class);
        for (int i = 0; i < keys.size(); i++) {
            query.setParameter(i + 1, keys.get(i));
        }
        return query.getResultList().map(rows -> {
            Map<String, SubjectFacts> facts = new HashMap<>();
            for (Object[] row : rows) {
                facts.put((String) row[0], new SubjectFacts((String) row[1], (String) row[2], (String) row[3], (String) row[4],
                        (String) row[5], (String) row[6]));
            }
            return facts;
        });
    }

    /** Keeps these facts, replacing what was kept under their keys; multi-row statements of {@link SqlRows#MAX_ROWS}. */
    static Uni<Void> save(Mutiny.Session session, Map<String, SubjectFacts> facts) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (List<Map.Entry<String, SubjectFacts>> chunk : SqlRows.chunks(List.copyOf(facts.entrySet()))) {
            chain = chain.flatMap(v -> {
                var query = session.createNativeQuery("insert into event_subject (subject_id, service, team, severity, number, "
                        + "title, incident_id) values " + SqlRows.values(chunk.size(), COLUMNS)
                        + " on conflict (subject_id) do update set service = excluded.service, team = excluded.team, "
                        + "severity = excluded.severity, number = excluded.number, title = excluded.title, "
                        + "incident_id = excluded.incident_id");
                int p = 1;
                for (Map.Entry<String, SubjectFacts> entry : chunk) {
                    SubjectFacts f = entry.getValue();
                    for (Object value : new Object[]{entry.getKey(), f.service(), f.team(), f.severity(), f.number(), f.title(),
                            f.incidentId()}) {
                        query.setParameter(p++, value);
                    }
                }
                return query.executeUpdate().replaceWithVoid();
            });
        }
        return chain;
    }

    private static final class Facts implements Copy {
        private final Map<String, SubjectFacts> facts = new LinkedHashMap<>();

        /** As {@link EventsToNotify} reads and applies an event; what has no subject tells nothing. */
        @Override
        public void apply(IncomingMessage message, Instant timestamp) {
            NotifiedEvent event = NotifiedEvent.of(message);
            if (event == null || event.subject() == null) {
                return;
            }
            facts.put(event.subjectKey(), facts.getOrDefault(event.subjectKey(), SubjectFacts.NONE).with(event.type(), event.data()));
        }

        @Override
        public int rows() {
            return facts.size();
        }

        @Override
        public Uni<Void> replace(Mutiny.Session session) {
            return session.createNativeQuery("delete from event_subject").executeUpdate()
                    .flatMap(v -> save(session, facts));
        }
    }
}
