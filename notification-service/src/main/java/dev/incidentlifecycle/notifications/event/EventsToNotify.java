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
        return NotifiedEvent.of(message);
    }

    @Override
    public Uni<Void> handle(UnitOfWork work, int partition, List<Read<NotifiedEvent>> batch) {
        List<NotifiedEvent> events = batch.stream().map(Read::value).filter(e -> e.subject() != null).toList();
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Mutiny.Session session = work.session();
        Set<String> keys = new LinkedHashSet<>();
        events.forEach(e -> keys.add(e.subjectKey()));
        return EventSubjects.load(session, List.copyOf(keys)).flatMap(known -> {
            Map<String, SubjectFacts> facts = new LinkedHashMap<>(known);
            List<NotifiedEvent> told = new ArrayList<>(events.size());
            for (NotifiedEvent event : events) {
                SubjectFacts now = facts.getOrDefault(event.subjectKey(), SubjectFacts.NONE).with(event.type(), event.data());
                facts.put(event.subjectKey(), now);
                told.add(event.withFacts(now));
            }
            return EventSubjects.save(session, facts)
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
