package dev.incidentlifecycle.actions.team;

import dev.incidentlifecycle.actions.actionitem.ActionItemStatus;

import java.util.Map;

/**
 * What one team owes and how it has delivered. Computed by PostgreSQL in one aggregate statement over the team's
 * action items ({@code ActionItemQueries.teamSummary}): no item is loaded to count it. Removed items count too: as
 * WONT_DO, or DONE when they were done before their removal.
 *
 * @param total                the team's action items, whatever their status
 * @param countsByStatus       every status, in lifecycle order, with 0 for absent ones
 * @param overdue              OPEN or IN_PROGRESS items whose due date is before today
 * @param completed            DONE items with a due date and a completion time: the base of the share
 * @param completedOnTime      those completed on or before their due date (the completion's date in the
 *                             SLA zone)
 * @param completedOnTimeShare completedOnTime / completed, from 0 to 1; null when nothing was completed.
 *                             WONT_DO items are left out: deciding not to do something is neither an
 *                             on-time nor a late delivery
 * @param doneRecurred         DONE items whose condition came back: a later review on the same service named a
 *                             contributing factor with the same category and tag ({@code action-item.recurred})
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
        Double medianOpenAgeDays,
        int doneRecurred) {
}
