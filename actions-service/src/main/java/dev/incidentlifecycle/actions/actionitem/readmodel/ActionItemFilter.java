package dev.incidentlifecycle.actions.actionitem.readmodel;

import dev.incidentlifecycle.actions.actionitem.ActionItemOrigin;
import dev.incidentlifecycle.actions.actionitem.ActionItemStatus;
import dev.incidentlifecycle.actions.actionitem.ActionItemType;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * What a list of action items is narrowed to; every part is optional (null or empty: no narrowing).
 *
 * @param owner     the person who owns the item, compared ignoring case
 * @param statuses  any of these statuses
 * @param overdue   true: only items still owed whose due date is before {@code today}; false: only the others
 * @param dueBefore only items due strictly before this date
 * @param origin    only items of a review's outcome (REVIEW) or only items created by hand (AD_HOC)
 * @param today     the date "overdue" is decided on, in the service's zone
 */
public record ActionItemFilter(String team, String owner, Set<ActionItemStatus> statuses, Boolean overdue, UUID incidentId,
                               UUID reviewId, ActionItemType type, LocalDate dueBefore, ActionItemOrigin origin,
                               LocalDate today) {

    public ActionItemFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }
}
