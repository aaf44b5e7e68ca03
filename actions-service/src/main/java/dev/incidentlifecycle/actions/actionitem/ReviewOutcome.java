package dev.incidentlifecycle.actions.actionitem;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The action items of one review outcome, as {@code review.published} and {@code review.amended} carry
 * them, turned into one command per action item stream. A consumer decodes the review event into this,
 * then runs each command on the stream {@link ActionItem#streamId} of its {@code actionItemId()}.
 *
 * @param items the review's full list of action items
 */
public record ReviewOutcome(ReviewOrigin origin, List<ReviewedItem> items) {

    public ReviewOutcome {
        items = List.copyOf(items);
        Set<UUID> seen = new HashSet<>();
        for (ReviewedItem item : items) {
            if (item.actionItemId() != null && !seen.add(item.actionItemId())) {
                throw new InvalidCommand("actionItems", "action item " + item.actionItemId() + " is listed twice");
            }
        }
    }

    /** For {@code review.published}: a Create per item (idempotent, so a redelivery is harmless). */
    public List<ActionItemCommand> whenPublished(String by, Instant at) {
        return items.stream()
                .<ActionItemCommand>map(item -> new ActionItemCommand.Create(origin, item, by, at))
                .toList();
    }

    /**
     * For {@code review.amended}, which carries the full new list: an ApplyAmendment per listed item
     * (which creates the items the amendment added), and a RemoveByAmendment per item of the review
     * that the list no longer has.
     *
     * @param itemsOfReview the ids of the action items this service already holds for the review (its
     *                      read model); removed ones may be included, removing again changes nothing
     */
    public List<ActionItemCommand> whenAmended(Collection<UUID> itemsOfReview, String by, Instant at) {
        List<ActionItemCommand> commands = new ArrayList<>();
        Set<UUID> listed = new HashSet<>();
        for (ReviewedItem item : items) {
            listed.add(item.actionItemId());
            commands.add(new ActionItemCommand.ApplyAmendment(origin, item, by, at));
        }
        itemsOfReview.stream()
                .filter(id -> !listed.contains(id))
                .sorted()
                .forEach(id -> commands.add(new ActionItemCommand.RemoveByAmendment(id, by, at)));
        return List.copyOf(commands);
    }
}
