package dev.incidentlifecycle.incidents.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.eventstore.SqlRows;
import dev.incidentlifecycle.incidents.incident.readmodel.IncidentRow;
import dev.incidentlifecycle.web.Page;
import dev.incidentlifecycle.web.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The changes kept per service ({@code change_event}): stored by {@link IncomingChanges}, read by service and period,
 * and as the context of an incident — the changes to its services from {@code incidents.changes.look-back} before its
 * declaration until it resolved (until now while it has not).
 */
@ApplicationScoped
public class Changes {

    /** The longest period {@code GET /changes} reads at once. */
    public static final Duration MAX_PERIOD = Duration.ofDays(31);
    /** The period {@code GET /changes} reads when {@code from} is not given: the day before {@code to}. */
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(1);
    /** The most changes an incident's timeline shows (the newest); {@code GET /incidents/{id}/changes} pages through all. */
    public static final int ON_TIMELINE = 200;
    /** The most services an incident's changes are looked up for (its own and its alerts'). */
    static final int MAX_SERVICES = 100;

    private final Mutiny.SessionFactory sessions;
    private final Duration lookBack;
    private final Clock clock;

    Changes(Mutiny.SessionFactory sessions, @ConfigProperty(name = "incidents.changes.look-back") Duration lookBack, Clock clock) {
        this.sessions = sessions;
        this.lookBack = lookBack;
        this.clock = clock;
    }

    /** A change to store. */
    record Stored(UUID id, String service, ChangeEvent event, Instant occurredAt, String actor) {
    }

    /** Stores the changes not stored yet (a change already stored under its id is left as it is). */
    Uni<Void> store(Mutiny.Session session, List<Stored> changes, Instant receivedAt) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (List<Stored> chunk : SqlRows.chunks(changes)) {
            chain = chain.flatMap(v -> insert(session, chunk, receivedAt));
        }
        return chain;
    }

    private static Uni<Void> insert(Mutiny.Session session, List<Stored> changes, Instant receivedAt) {
        var query = session.createNativeQuery("insert into change_event (id, service, summary, source, occurred_at, received_at, "
                + "actor, custom_details, links) values "
                + SqlRows.values(changes.size(), "cast(? as uuid)", "cast(? as text)", "cast(? as text)", "cast(? as text)",
                "cast(? as timestamptz)", "cast(? as timestamptz)", "cast(? as text)", "cast(? as text)", "cast(? as text)")
                + " on conflict (id) do nothing");
        int p = 1;
        for (Stored change : changes) {
            query.setParameter(p++, change.id().toString())
                    .setParameter(p++, change.service())
                    .setParameter(p++, change.event().summary())
                    .setParameter(p++, change.event().source())
                    .setParameter(p++, time(change.occurredAt()))
                    .setParameter(p++, time(receivedAt))
                    .setParameter(p++, change.actor())
                    .setParameter(p++, json(change.event().customDetails()))
                    .setParameter(p++, json(change.event().links()));
        }
        return query.executeUpdate().replaceWithVoid();
    }

    /** Changes in {@code [from, to)} (default: the day before now), of one service or of all, newest first. */
    public Uni<Page<ChangeView>> list(String service, Instant from, Instant to, PageRequest page) {
        Instant until = to != null ? to : clock.instant();
        Instant since = from != null ? from : until.minus(DEFAULT_PERIOD);
        if (!since.isBefore(until)) {
            throw new InvalidCommand("from", "from must be before to");
        }
        if (Duration.between(since, until).compareTo(MAX_PERIOD) > 0) {
            throw new InvalidCommand("from", "the period from 'from' to 'to' may be at most " + MAX_PERIOD.toDays() + " days");
        }
        if (service != null && service.length() > PagerDutyChangeEvent.SERVICE) {
            throw new InvalidCommand("service", "service is at most " + PagerDutyChangeEvent.SERVICE + " characters");
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("from", since);
        parameters.put("to", until);
        String where = "from ChangeRow where occurredAt >= :from and occurredAt < :to";
        if (service != null) {
            where += " and service = :service";
            parameters.put("service", service);
        }
        String clause = where;
        return sessions.withSession(session -> page.read(session, ChangeRow.class, clause, "occurredAt desc, id desc", parameters))
                .map(found -> found.map(ChangeView::of));
    }

    /** The changes to an incident's services around it (see the class comment), newest first. */
    public Uni<Page<ChangeView>> ofIncident(Mutiny.Session session, IncidentRow incident, PageRequest page) {
        return around(session, incident).flatMap(query -> page.read(session, ChangeRow.class, query.clause(),
                        "occurredAt desc, id desc", query.parameters()))
                .map(found -> found.map(ChangeView::of));
    }

    /** The newest {@link #ON_TIMELINE} of them, for its timeline. */
    public Uni<List<ChangeView>> onTimelineOf(Mutiny.Session session, IncidentRow incident) {
        return ofIncident(session, incident, new PageRequest(0, ON_TIMELINE)).map(Page::items);
    }

    private record Query(String clause, Map<String, Object> parameters) {
    }

    private Uni<Query> around(Mutiny.Session session, IncidentRow incident) {
        return session.createSelectionQuery("select distinct service from AlertRow where incidentId = :incident and service is not null",
                        String.class)
                .setParameter("incident", incident.id)
                .setMaxResults(MAX_SERVICES)
                .getResultList()
                .map(alertServices -> {
                    Set<String> services = new LinkedHashSet<>();
                    if (incident.service != null) {
                        services.add(incident.service);
                    }
                    services.addAll(alertServices);
                    Instant end = incident.resolvedAt != null ? incident.resolvedAt
                            : incident.closedAt != null ? incident.closedAt : clock.instant();
                    Map<String, Object> parameters = new LinkedHashMap<>();
                    parameters.put("services", services.isEmpty() ? List.of("") : List.copyOf(services));
                    parameters.put("from", incident.declaredAt.minus(lookBack));
                    parameters.put("to", end);
                    return new Query("from ChangeRow where service in (:services) and occurredAt >= :from and occurredAt <= :to",
                            parameters);
                });
    }

    /** How far before an incident's declaration its changes are looked for. */
    public Duration lookBack() {
        return lookBack;
    }

    private static OffsetDateTime time(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a change's details as JSON", e);
        }
    }
}
