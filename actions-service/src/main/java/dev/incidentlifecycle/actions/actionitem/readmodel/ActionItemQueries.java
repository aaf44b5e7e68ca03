package dev.incidentlifecycle.actions.actionitem.readmodel;

import dev.incidentlifecycle.actions.actionitem.ActionItemOrigin;
import dev.incidentlifecycle.actions.actionitem.ActionItemStatus;
import dev.incidentlifecycle.actions.team.TeamSummary;
import dev.incidentlifecycle.web.Page;
import dev.incidentlifecycle.web.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads of the action item read model. Lists are in a stable order: due date, then id. */
@ApplicationScoped
public class ActionItemQueries {

    /** The statuses that still owe work. */
    static final List<ActionItemStatus> OWED = List.of(ActionItemStatus.OPEN, ActionItemStatus.IN_PROGRESS);

    private final Mutiny.SessionFactory sessions;

    ActionItemQueries(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<ActionItemRow> find(UUID id) {
        return sessions.withSession(session -> session.find(ActionItemRow.class, id));
    }

    public Uni<Page<ActionItemRow>> list(ActionItemFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (filter.team() != null) {
            where.append(" and r.ownerTeam = :team");
            parameters.put("team", filter.team());
        }
        if (filter.owner() != null) {
            where.append(" and lower(r.owner) = lower(:owner)");
            parameters.put("owner", filter.owner());
        }
        if (!filter.statuses().isEmpty()) {
            where.append(" and r.status in (:statuses)");
            parameters.put("statuses", List.copyOf(filter.statuses()));
        }
        if (filter.overdue() != null) {
            where.append(filter.overdue()
                    ? " and r.status in (:owed) and r.dueDate < :today"
                    : " and (r.status not in (:owed) or r.dueDate >= :today)");
            parameters.put("owed", OWED);
            parameters.put("today", filter.today());
        }
        if (filter.incidentId() != null) {
            where.append(" and r.incidentId = :incident");
            parameters.put("incident", filter.incidentId());
        }
        if (filter.reviewId() != null) {
            where.append(" and r.reviewId = :review");
            parameters.put("review", filter.reviewId());
        }
        if (filter.type() != null) {
            where.append(" and r.type = :type");
            parameters.put("type", filter.type());
        }
        if (filter.dueBefore() != null) {
            where.append(" and r.dueDate < :dueBefore");
            parameters.put("dueBefore", filter.dueBefore());
        }
        if (filter.origin() != null) {
            where.append(" and r.origin = :origin");
            parameters.put("origin", filter.origin());
        }
        return sessions.withSession(session -> page.read(session, ActionItemRow.class, "from ActionItemRow r" + where,
                "r.dueDate asc nulls last, r.id asc", parameters));
    }

    /**
     * The ids of every item of a review's outcome this service holds, removed ones included, in the given session.
     * Items created by hand that reference the review are not among them: its amendments never touch them.
     */
    public static Uni<List<UUID>> itemsOfReview(Mutiny.Session session, UUID reviewId) {
        return session.createSelectionQuery("select r.id from ActionItemRow r where r.reviewId = :review "
                        + "and r.origin = :origin order by r.id", UUID.class)
                .setParameter("review", reviewId)
                .setParameter("origin", ActionItemOrigin.REVIEW)
                .getResultList();
    }

    /**
     * The team's summary, computed by PostgreSQL in one aggregate statement (an index-only scan of the team's
     * items, see V2's {@code action_item_team_summary}): no item row comes back to Java.
     *
     * @param now  gives the open items' ages in whole days elapsed (truncated, never below 0)
     * @param zone the zone of "today" (overdue) and of a completion's date (on time)
     */
    public Uni<TeamSummary> teamSummary(String team, Instant now, ZoneId zone) {
        StringBuilder sql = new StringBuilder("select count(*)");
        for (ActionItemStatus status : ActionItemStatus.values()) {
            sql.append(", count(*) filter (where status = '").append(status.name()).append("')");
        }
        sql.append(", count(*) filter (where status in ('OPEN', 'IN_PROGRESS') and due_date < cast(?2 as date))")
                .append(", count(*) filter (where status = 'DONE' and completed_at is not null)")
                .append(", count(*) filter (where status = 'DONE' and completed_at is not null")
                .append(" and cast(timezone(cast(?3 as text), completed_at) as date) <= due_date)")
                .append(", percentile_cont(0.5) within group (order by greatest(0,")
                .append(" trunc(extract(epoch from (cast(?4 as timestamptz) - created_at)) / 86400)))")
                .append(" filter (where status in ('OPEN', 'IN_PROGRESS'))")
                .append(", count(*) filter (where status = 'DONE' and recurred)")
                .append(" from action_item where owner_team = cast(?1 as text)");
        return sessions.withSession(session -> session.createNativeQuery(sql.toString(), Object[].class)
                .setParameter(1, team)
                .setParameter(2, LocalDate.ofInstant(now, zone))
                .setParameter(3, PostgresZones.name(zone))
                .setParameter(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .getSingleResult()
                .map(row -> {
                    int column = 0;
                    int total = count(row[column++]);
                    Map<ActionItemStatus, Integer> counts = new EnumMap<>(ActionItemStatus.class);
                    for (ActionItemStatus status : ActionItemStatus.values()) {
                        counts.put(status, count(row[column++]));
                    }
                    int overdue = count(row[column++]);
                    int completed = count(row[column++]);
                    int completedOnTime = count(row[column++]);
                    Object median = row[column++];
                    int doneRecurred = count(row[column]);
                    return new TeamSummary(team, total, Collections.unmodifiableMap(counts), overdue, completed,
                            completedOnTime, completed == 0 ? null : (double) completedOnTime / completed,
                            median == null ? null : ((Number) median).doubleValue(), doneRecurred);
                }));
    }

    private static int count(Object value) {
        return ((Number) value).intValue();
    }

    /**
     * Up to {@code limit} items, after {@code afterId} in id order, that are still owed, due before
     * {@code today}, and not yet announced overdue for their current due date: what the overdue sweep asks about.
     */
    public Uni<List<UUID>> overdueUnannounced(LocalDate today, UUID afterId, int limit) {
        return sessions.withSession(session -> session
                .createSelectionQuery("select r.id from ActionItemRow r where r.status in (:owed) and r.removed = false "
                        + "and r.dueDate < :today and (r.overdueNotifiedFor is null or r.overdueNotifiedFor <> r.dueDate) "
                        + "and r.id > :after order by r.id", UUID.class)
                .setParameter("owed", OWED)
                .setParameter("today", today)
                .setParameter("after", afterId)
                .setMaxResults(limit)
                .getResultList());
    }
}
