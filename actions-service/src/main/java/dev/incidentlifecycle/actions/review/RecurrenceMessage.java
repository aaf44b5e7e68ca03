package dev.incidentlifecycle.actions.review;

import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.MarkRecurred;
import dev.incidentlifecycle.actions.actionitem.SharedFactor;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A {@code review.recurrence-found}: the review just published names factors (category and tag) that earlier
 * reviews on the same service named, and those reviews' completed items recurred.
 *
 * @param recurrences at most {@value #MAX_RECURRENCES}, as review-service's schema says
 */
public record RecurrenceMessage(UUID reviewId, UUID incidentId, String incidentNumber, String service,
                                List<Recurrence> recurrences, String actor, Instant occurredAt) {

    static final int MAX_RECURRENCES = 20;
    /** The most items one earlier review may name: a review outcome never holds more. */
    static final int MAX_ITEMS_PER_REVIEW = 200;

    /** One earlier review, the factors both named, and its items that were DONE when it was found. */
    public record Recurrence(UUID earlierReviewId, UUID earlierIncidentId, List<SharedFactor> shared,
                             List<UUID> completedActionItemIds) {
    }

    /**
     * One command per item named, in the order first named: an item named by two earlier reviews (it cannot be, an
     * item belongs to one review, but the payload is not trusted to say so) is marked once with every shared
     * factor. A payload without what the schema requires, or over its bounds, is poison.
     */
    public List<MarkRecurred> commands(String by, Instant at) {
        require(reviewId != null, "reviewId");
        require(incidentId != null, "incidentId");
        require(recurrences != null && !recurrences.isEmpty() && recurrences.size() <= MAX_RECURRENCES,
                "1 to " + MAX_RECURRENCES + " recurrences");
        Map<UUID, Set<SharedFactor>> sharedByItem = new LinkedHashMap<>();
        for (int i = 0; i < recurrences.size(); i++) {
            Recurrence recurrence = recurrences.get(i);
            String where = "recurrences[" + i + "]";
            require(recurrence != null, where);
            require(recurrence.shared() != null && !recurrence.shared().isEmpty()
                    && recurrence.shared().size() <= MAX_RECURRENCES, where + ".shared (1 to " + MAX_RECURRENCES + ")");
            for (SharedFactor factor : recurrence.shared()) {
                require(factor != null && factor.category() != null && factor.tag() != null,
                        where + ".shared: category and tag");
            }
            require(recurrence.completedActionItemIds() != null
                            && recurrence.completedActionItemIds().size() <= MAX_ITEMS_PER_REVIEW,
                    where + ".completedActionItemIds (at most " + MAX_ITEMS_PER_REVIEW + ")");
            for (UUID item : recurrence.completedActionItemIds()) {
                require(item != null, where + ".completedActionItemIds: ids");
                sharedByItem.computeIfAbsent(item, id -> new LinkedHashSet<>()).addAll(recurrence.shared());
            }
        }
        List<MarkRecurred> commands = new ArrayList<>(sharedByItem.size());
        sharedByItem.forEach((item, shared) -> commands.add(new MarkRecurred(item, reviewId, incidentId,
                incidentNumber, List.copyOf(shared).subList(0, Math.min(shared.size(), MAX_RECURRENCES)), by, at)));
        return commands;
    }

    private static void require(boolean present, String what) {
        if (!present) {
            throw new PoisonMessage("review.recurrence-found without " + what);
        }
    }
}
