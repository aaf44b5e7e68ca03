package dev.incidentlifecycle.actions.team;

import dev.incidentlifecycle.actions.actionitem.ActionItemStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one team owes and how it has delivered, computed from plain rows of its action items.
 *
 * @param total                the team's action items, whatever their status
 * @param countsByStatus       every status, in lifecycle order, with 0 for absent ones
 * @param overdue              OPEN or IN_PROGRESS items whose due date is before today
 * @param completed            DONE items with a due date and a completion time: the base of the share
 * @param completedOnTime      those completed on or before their due date (the completion's date in the
 *                             clock's zone)
 * @param completedOnTimeShare completedOnTime / completed, from 0 to 1; null when nothing was completed.
 *                             WONT_DO items are left out: deciding not to do something is neither an
 *                             on-time nor a late delivery
 * @param medianOpenAgeDays    median age of the OPEN and IN_PROGRESS items in whole days elapsed since
 *                             creation (the mean of the two middle ages for an even count); null when
 *                             none is open
 */
public record TeamSummary(
        String team,
        int total,
        Map<ActionItemStatus, Integer> countsByStatus,
        int overdue,
        int completed,
        int completedOnTime,
        Double completedOnTimeShare,
        Double medianOpenAgeDays) {

    /**
     * One action item of the team, as the read model holds it.
     *
     * @param dueDate     may be null (items always have one, but rows are not trusted to)
     * @param completedAt when it became DONE; null otherwise
     */
    public record Row(ActionItemStatus status, LocalDate dueDate, Instant createdAt, Instant completedAt) {
        public Row {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    /**
     * @param rows  all action items the team owns (removed ones included: they count as WONT_DO, or
     *              DONE when they were done before their removal)
     * @param clock gives now (for ages) and today (for overdue and on-time dates, in its zone)
     */
    public static TeamSummary of(String team, Collection<Row> rows, Clock clock) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());

        Map<ActionItemStatus, Integer> counts = new EnumMap<>(ActionItemStatus.class);
        for (ActionItemStatus status : ActionItemStatus.values()) {
            counts.put(status, 0);
        }
        int overdue = 0;
        int completed = 0;
        int completedOnTime = 0;
        long[] openAges = new long[rows.size()];
        int open = 0;
        for (Row row : rows) {
            counts.merge(row.status(), 1, Integer::sum);
            if (!row.status().isClosed()) {
                openAges[open++] = Math.max(0, Duration.between(row.createdAt(), now).toDays());
                if (row.dueDate() != null && today.isAfter(row.dueDate())) {
                    overdue++;
                }
            } else if (row.status() == ActionItemStatus.DONE && row.dueDate() != null && row.completedAt() != null) {
                completed++;
                if (!LocalDate.ofInstant(row.completedAt(), clock.getZone()).isAfter(row.dueDate())) {
                    completedOnTime++;
                }
            }
        }
        Double share = completed == 0 ? null : (double) completedOnTime / completed;
        return new TeamSummary(team, rows.size(), Collections.unmodifiableMap(counts), overdue, completed,
                completedOnTime, share, median(openAges, open));
    }

    private static Double median(long[] values, int count) {
        if (count == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int middle = count / 2;
        return count % 2 == 1 ? (double) sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
