package dev.incidentlifecycle.actions.actionitem;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;

import java.util.UUID;

/**
 * A review outcome names an action item id that belongs to another review. Invalid whatever happens next (an
 * item never changes review), so a consumer dead-letters the outcome with this message as the reason.
 */
public final class ItemOfAnotherReview extends InvalidCommand {

    public ItemOfAnotherReview(UUID actionItemId, UUID ownerReview, UUID claimingReview) {
        this("action item " + actionItemId + " belongs to review " + ownerReview
                + "; review " + claimingReview + " cannot create or amend it");
    }

    private ItemOfAnotherReview(String message) {
        super("actionItemId", message);
    }

    /** An item created by hand belongs to no review's outcome, not even the review it references. */
    public static ItemOfAnotherReview createdByHand(UUID actionItemId, UUID claimingReview) {
        return new ItemOfAnotherReview("action item " + actionItemId + " was created by hand, outside any review outcome; "
                + "review " + claimingReview + " cannot create, amend or remove it");
    }
}
