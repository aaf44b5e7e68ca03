package dev.incidentlifecycle.actions.review;

import dev.incidentlifecycle.actions.actionitem.ActionItemType;
import dev.incidentlifecycle.actions.actionitem.Priority;
import dev.incidentlifecycle.actions.actionitem.ReviewOrigin;
import dev.incidentlifecycle.actions.actionitem.ReviewOutcome;
import dev.incidentlifecycle.actions.actionitem.ReviewedItem;
import dev.incidentlifecycle.actions.actionitem.Severity;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The part of a {@code review.published} or {@code review.amended} payload this service reads; the other
 * fields of the review outcome (summary, contributing factors, participants, ...) are ignored.
 *
 * @param publishedAt when the review was first published (both event types carry it)
 * @param amendedAt   when it was amended ({@code review.amended} only)
 * @param actor       who published or amended it
 */
public record ReviewOutcomeMessage(UUID reviewId, UUID incidentId, String incidentNumber, Severity severity,
                                   String service, List<Item> actionItems, Instant publishedAt, Instant amendedAt,
                                   String actor) {

    /** One action item as the review states it. {@code dueDate} null lets the SLA decide. */
    public record Item(UUID actionItemId, String title, ActionItemType type, String ownerTeam, String owner,
                       Priority priority, LocalDate dueDate) {
    }

    /** The outcome in the domain's terms; a payload without what every outcome has is poison. */
    public ReviewOutcome toOutcome() {
        require(reviewId != null, "reviewId");
        require(incidentId != null, "incidentId");
        require(severity != null, "severity");
        require(actionItems != null, "actionItems");
        List<ReviewedItem> items = new ArrayList<>(actionItems.size());
        for (int i = 0; i < actionItems.size(); i++) {
            Item item = actionItems.get(i);
            String at = "actionItems[" + i + "]";
            require(item != null, at);
            require(item.actionItemId() != null, at + ".actionItemId");
            require(item.title() != null && !item.title().isBlank(), at + ".title");
            require(item.type() != null, at + ".type");
            require(item.ownerTeam() != null && !item.ownerTeam().isBlank(), at + ".ownerTeam");
            require(item.priority() != null, at + ".priority");
            items.add(new ReviewedItem(item.actionItemId(), item.title(), item.type(), item.ownerTeam(), item.owner(),
                    item.priority(), item.dueDate()));
        }
        return new ReviewOutcome(new ReviewOrigin(reviewId, incidentId, incidentNumber, severity, service), items);
    }

    private static void require(boolean present, String field) {
        if (!present) {
            throw new PoisonMessage("review outcome without " + field);
        }
    }
}
