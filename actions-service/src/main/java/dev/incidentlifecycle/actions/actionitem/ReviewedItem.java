package dev.incidentlifecycle.actions.actionitem;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One action item as the review outcome states it. The review owns these fields; the team that owns
 * the item may later change some of them here (reassign, change the due date), and an amendment of
 * the review only overrides the fields the review itself changed.
 *
 * @param actionItemId stable across amendments: it is the action item's id
 * @param owner        the person, or null when only a team owns it
 * @param dueDate      the date the review gave, or null to let the SLA decide
 */
public record ReviewedItem(
        UUID actionItemId,
        String title,
        ActionItemType type,
        String ownerTeam,
        String owner,
        Priority priority,
        LocalDate dueDate) {
}
