package dev.incidentlifecycle.reviews.review;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * A change the review proposes. Its id is stable across amendments: actions-service tracks the item
 * under the same id.
 *
 * @param owner   the person, or null when only the team owns it
 * @param dueDate null to let actions-service's SLA decide
 */
public record ActionItem(UUID actionItemId, String title, ActionItemType type, String ownerTeam, String owner,
                         Priority priority, LocalDate dueDate) {

    public ActionItem {
        Objects.requireNonNull(actionItemId, "actionItemId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ownerTeam, "ownerTeam");
        Objects.requireNonNull(priority, "priority");
    }
}
