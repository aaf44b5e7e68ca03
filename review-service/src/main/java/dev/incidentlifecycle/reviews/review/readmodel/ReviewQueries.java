package dev.incidentlifecycle.reviews.review.readmodel;

import dev.incidentlifecycle.reviews.incident.TimelineEntryRow;
import dev.incidentlifecycle.reviews.review.ReviewStatus;
import dev.incidentlifecycle.web.Page;
import dev.incidentlifecycle.web.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import dev.incidentlifecycle.eventstore.Timestamps;
import dev.incidentlifecycle.reviews.review.FactorCategory;
import dev.incidentlifecycle.reviews.review.Recurrence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads of the reviews read model. Lists are in a stable order: due instant, then id. */
@ApplicationScoped
public class ReviewQueries {

    /** The calendar feed holds at most this many meetings, the latest ones. */
    static final int MAX_MEETINGS = 2_000;

    private final Mutiny.SessionFactory sessions;

    ReviewQueries(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<ReviewRow> find(UUID id) {
        return sessions.withSession(session -> session.find(ReviewRow.class, id));
    }

    public Uni<Page<ReviewRow>> list(ReviewFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (!filter.statuses().isEmpty()) {
            where.append(" and r.status in (:statuses)");
            parameters.put("statuses", List.copyOf(filter.statuses()));
        }
        if (filter.overdue() != null) {
            where.append(filter.overdue() ? " and r.overdue = true" : " and r.overdue = false");
        }
        if (filter.incidentId() != null) {
            where.append(" and r.incidentId = :incidentId");
            parameters.put("incidentId", filter.incidentId());
        }
        if (filter.incidentNumber() != null) {
            where.append(" and r.incidentNumber = :incidentNumber");
            parameters.put("incidentNumber", filter.incidentNumber());
        }
        if (filter.facilitator() != null) {
            where.append(" and lower(r.facilitator) = lower(:facilitator)");
            parameters.put("facilitator", filter.facilitator());
        }
        if (filter.dueFrom() != null) {
            where.append(" and r.dueAt >= :dueFrom");
            parameters.put("dueFrom", filter.dueFrom());
        }
        if (filter.dueTo() != null) {
            where.append(" and r.dueAt < :dueTo");
            parameters.put("dueTo", filter.dueTo());
        }
        return sessions.withSession(session -> page.read(session, ReviewRow.class, "from ReviewRow r" + where,
                "r.dueAt asc, r.id asc", parameters));
    }

    /** The incident's timeline, oldest first. */
    public Uni<List<TimelineEntryRow>> timeline(UUID incidentId) {
        return sessions.withSession(session -> session.createSelectionQuery(
                        "from TimelineEntryRow t where t.incidentId = :incident order by t.occurredAt asc, t.entryId asc",
                        TimelineEntryRow.class)
                .setParameter("incident", incidentId)
                .getResultList());
    }

    /** Review meetings for the calendar feed, optionally of one facilitator: the latest first. */
    public Uni<List<ReviewRow>> meetings(String facilitator) {
        // A review still waiting for a facilitator has no meeting yet.
        String where = " where r.scheduledStart is not null"
                + (facilitator == null ? "" : " and lower(r.facilitator) = lower(:facilitator)");
        return sessions.withSession(session -> {
            Mutiny.SelectionQuery<ReviewRow> query = session.createSelectionQuery(
                            "from ReviewRow r" + where + " order by r.scheduledStart desc, r.id asc", ReviewRow.class)
                    .setMaxResults(MAX_MEETINGS);
            if (facilitator != null) {
                query.setParameter("facilitator", facilitator);
            }
            return query.getResultList();
        });
    }

    /**
     * The meetings {@code person} is in, as facilitator or participant (people compared case-insensitively): the
     * feed of one person's calendar, the latest first, at most as many as the whole feed.
     */
    public Uni<List<ReviewRow>> meetingsOf(String person) {
        // Participants are a JSON array in text: PostgreSQL finds the ids, HQL reads the rows.
        return sessions.withSession(session -> session.createNativeQuery("""
                                select r.id from review r
                                where r.scheduled_start is not null
                                  and (lower(r.facilitator) = lower(:person)
                                       or exists (select 1 from jsonb_array_elements_text(r.participants::jsonb) p
                                                  where lower(p) = lower(:person)))
                                order by r.scheduled_start desc, r.id asc
                                limit :max""", UUID.class)
                .setParameter("person", person)
                .setParameter("max", MAX_MEETINGS)
                .getResultList()
                .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<ReviewRow>of()) : session.createSelectionQuery(
                                "from ReviewRow r where r.id in (:ids) order by r.scheduledStart desc, r.id asc", ReviewRow.class)
                        .setParameter("ids", ids)
                        .getResultList()));
    }

    /** {@code CATEGORY:tag}, as the queries match a factor's category and tag (tags hold no ':'). */
    public static Set<String> categoryTags(Set<Recurrence.FactorTag> tags) {
        Set<String> keys = new TreeSet<>();
        tags.forEach(tag -> keys.add(tag.category().name() + ":" + tag.tag()));
        return keys;
    }

    /**
     * The earlier published reviews related to {@code review}: of another incident on the same service (compared
     * case-insensitively), published before it (before now while it is unpublished), naming a factor with one of
     * {@code categoryTags} ({@code CATEGORY:tag}, from the review's document). Latest first.
     */
    public Uni<Page<RelatedReview>> related(ReviewRow review, Set<String> categoryTags, Instant now, PageRequest page) {
        Instant before = review.publishedAt != null ? review.publishedAt : now;
        return sessions.withSession(session -> related(session, review.id, review.incidentId, review.service, before,
                categoryTags, page));
    }

    /**
     * The published reviews of other incidents than {@code incidentId} on {@code service}, published before
     * {@code before}, naming a factor with one of {@code categoryTags}: latest first. In the caller's session (a
     * publication looks for them in its own transaction).
     */
    public static Uni<Page<RelatedReview>> related(Mutiny.Session session, UUID reviewId, UUID incidentId, String service,
                                                   Instant before, Set<String> categoryTags, PageRequest page) {
        if (service == null || categoryTags.isEmpty()) {
            return Uni.createFrom().item(new Page<>(List.of(), 0, page.page(), page.size()));
        }
        String matches = " from review r"
                + " join review_factor f on f.review_id = r.id"
                + " join review_factor_tag t on t.review_id = f.review_id and t.factor_id = f.factor_id"
                + " where r.id <> cast(?1 as uuid) and r.incident_id <> cast(?2 as uuid)"
                + " and lower(r.service) = lower(cast(?3 as text))"
                + " and r.published_at is not null and r.published_at < cast(?4 as timestamptz)"
                + " and (f.category || ':' || t.tag) = any(string_to_array(cast(?5 as text), ','))";
        String listing = "select r.id, r.incident_id, r.incident_number, r.title, r.service, r.published_at, "
                + "string_agg(distinct f.category || ':' || t.tag, ','), "
                + "(select string_agg(s.key, ',' order by s.key) from jsonb_each_text(cast(r.state as jsonb) -> 'actionItemStatuses') s "
                + "where s.value = 'DONE')"
                + matches + " group by r.id order by r.published_at desc, r.id limit cast(?6 as integer) offset cast(?7 as integer)";
        String counting = "select count(distinct r.id)" + matches;
        Object[] parameters = {reviewId.toString(), incidentId.toString(), service,
                before.atOffset(ZoneOffset.UTC), String.join(",", categoryTags)};
        var count = session.createNativeQuery(counting, Long.class);
        var list = session.createNativeQuery(listing, Object[].class);
        for (int i = 0; i < parameters.length; i++) {
            count.setParameter(i + 1, parameters[i]);
            list.setParameter(i + 1, parameters[i]);
        }
        list.setParameter(6, page.size()).setParameter(7, page.offset());
        return count.getSingleResult().flatMap(total -> total == 0
                ? Uni.createFrom().item(new Page<RelatedReview>(List.of(), 0, page.page(), page.size()))
                : list.getResultList().map(rows -> new Page<>(rows.stream().map(ReviewQueries::related).toList(),
                total, page.page(), page.size())));
    }

    private static RelatedReview related(Object[] row) {
        List<RelatedReview.Shared> shared = Arrays.stream(((String) row[6]).split(",")).map(pair -> {
            int colon = pair.indexOf(':');
            return new RelatedReview.Shared(FactorCategory.valueOf(pair.substring(0, colon)), pair.substring(colon + 1));
        }).toList();
        List<UUID> done = row[7] == null ? List.<UUID>of()
                : Arrays.stream(((String) row[7]).split(",")).map(UUID::fromString).toList();
        return new RelatedReview((UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3], (String) row[4],
                Timestamps.toInstant(row[5]), shared, done);
    }

    /** Reviews awaited (waiting for a facilitator, scheduled or in review), due before {@code now} and not yet told overdue. */
    public Uni<List<UUID>> awaitedAndDueBefore(Instant now) {
        return sessions.withSession(session -> session.createSelectionQuery(
                        "select r.id from ReviewRow r where r.status in (:awaited) and r.overdue = false and r.dueAt < :now "
                                + "order by r.dueAt asc, r.id asc", UUID.class)
                .setParameter("awaited", List.of(ReviewStatus.NEEDS_FACILITATOR, ReviewStatus.SCHEDULED, ReviewStatus.IN_REVIEW))
                .setParameter("now", now)
                .getResultList());
    }
}
