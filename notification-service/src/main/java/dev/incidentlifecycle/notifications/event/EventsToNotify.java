package dev.incidentlifecycle.notifications.event;

import dev.incidentlifecycle.eventstore.SqlRows;
import dev.incidentlifecycle.eventstore.UnitOfWork;
import dev.incidentlifecycle.eventstore.consuming.BatchHandler;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import dev.incidentlifecycle.notifications.delivery.DeliveryRow;
import dev.incidentlifecycle.notifications.subscription.Subscriptions;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one topic's events into deliveries: per batch, the facts of each event's subject are brought up to date, the
 * active subscriptions are matched, and one delivery row per matching subscription is written, all in the batch's
 * transaction together with the consumed position (at least once, and never twice: a delivery's id is derived from
 * event and subscription). The delivery worker sends them after the commit.
 */
public abstract class EventsToNotify implements BatchHandler<NotifiedEvent> {

    private final Subscription subscription;
    private final Subscriptions subscriptions;
    private final MessageBodies bodies;
    private final Clock clock;

    protected EventsToNotify(String name, Subscriptions subscriptions, MessageBodies bodies, Clock clock) {
        this.subscription = Subscription.configured(name);
        this.subscriptions = subscriptions;
        this.bodies = bodies;
        this.clock = clock;
    }

    @Override
    public Subscription subscription() {
        return subscription;
    }

    /** Plain JSON (no CloudEvent type) says nothing a subscriber could subscribe to: it is passed over. */
    @Override
    public NotifiedEvent read(IncomingMessage message) {
        if (message.type() == null || !message.type().contains(".")) {
            return null;
        }
        return new NotifiedEvent(message.id(), message.type(), message.subject(), message.time(), message.object(), SubjectFacts.NONE);
    }

    @Override
    public Uni<Void> handle(UnitOfWork work, int partition, List<Read<NotifiedEvent>> batch) {
        List<NotifiedEvent> events = batch.stream().map(Read::value).filter(e -> e != null && e.subject() != null).toList();
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Mutiny.Session session = work.session();
        Set<String> keys = new LinkedHashSet<>();
        events.forEach(e -> keys.add(e.subjectKey()));
        return loadFacts(session, List.copyOf(keys)).flatMap(known -> {
            Map<String, SubjectFacts> facts = new LinkedHashMap<>(known);
            List<NotifiedEvent> told = new ArrayList<>(events.size());
            for (NotifiedEvent event : events) {
                SubjectFacts now = facts.getOrDefault(event.subjectKey(), SubjectFacts.NONE).with(event.type(), event.data());
                facts.put(event.subjectKey(), now);
                told.add(new NotifiedEvent(event.id(), event.type(), event.subject(), event.time(), event.data(), now));
            }
            return saveFacts(session, facts)
                    .flatMap(v -> subscriptions.active(session))
                    .flatMap(active -> {
                        List<Object[]> deliveries = new ArrayList<>();
                        for (NotifiedEvent event : told) {
                            for (var wanting : active) {
                                if (wanting.wants(event)) {
                                    deliveries.add(new Object[]{DeliveryRow.idOf(event.id(), wanting.id()), wanting.id(), event.id(),
                                            event.type(), bodies.body(wanting.format(), event)});
                                }
                            }
                        }
                        return record(session, deliveries, clock.instant());
                    });
        });
    }

    private static Uni<Map<String, SubjectFacts>> loadFacts(Mutiny.Session session, List<String> keys) {
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

    private static Uni<Void> saveFacts(Mutiny.Session session, Map<String, SubjectFacts> facts) {
        List<Map.Entry<String, SubjectFacts>> entries = List.copyOf(facts.entrySet());
        var query = session.createNativeQuery("insert into event_subject (subject_id, service, team, severity, number, title, incident_id) values "
                + SqlRows.values(entries.size(), "cast(? as text)", "cast(? as text)", "cast(? as text)", "cast(? as text)",
                "cast(? as text)", "cast(? as text)", "cast(? as text)")
                + " on conflict (subject_id) do update set service = excluded.service, team = excluded.team, severity = excluded.severity, "
                + "number = excluded.number, title = excluded.title, incident_id = excluded.incident_id");
        int p = 1;
        for (Map.Entry<String, SubjectFacts> entry : entries) {
            SubjectFacts f = entry.getValue();
            for (Object value : new Object[]{entry.getKey(), f.service(), f.team(), f.severity(), f.number(), f.title(), f.incidentId()}) {
                query.setParameter(p++, value);
            }
        }
        return query.executeUpdate().replaceWithVoid();
    }

    private static Uni<Void> record(Mutiny.Session session, List<Object[]> deliveries, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (List<Object[]> chunk : SqlRows.chunks(deliveries)) {
            var query = session.createNativeQuery("insert into delivery (id, subscription_id, event_id, event_type, body, status, attempts, "
                    + "created_at, next_attempt_at) values " + SqlRows.values(chunk.size(), "cast(? as uuid)", "cast(? as uuid)",
                    "cast(? as text)", "cast(? as text)", "cast(? as text)", "cast(? as text)", "?", "cast(? as timestamptz)",
                    "cast(? as timestamptz)") + " on conflict do nothing");
            int p = 1;
            for (Object[] d : chunk) {
                query.setParameter(p++, d[0]).setParameter(p++, d[1]).setParameter(p++, d[2]).setParameter(p++, d[3])
                        .setParameter(p++, d[4]).setParameter(p++, "PENDING").setParameter(p++, 0)
                        .setParameter(p++, now).setParameter(p++, now);
            }
            chain = chain.flatMap(v -> query.executeUpdate().replaceWithVoid());
        }
        return chain;
    }
}
