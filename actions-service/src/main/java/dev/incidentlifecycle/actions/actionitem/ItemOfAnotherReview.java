package dev.incidentlifecycle.actions.actionitem;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;

import java.util.UUID;

/**
 * A review outcome names an action item id that belongs to another review. Invalid whatever happens next (an
 * item never changes review), so a consumer dead-letters the outcome with this message as the reason.
 */
public final class ItemOfAnotherReview extends InvalidCommand {

    public ItemOfAnotherReview(UUID actionItemId, UUID ownerReview, UUID claimingReview) {
        super("actionItemId", "action item " + actionItemId + " belongs to review " + ownerReview
                + "; review " + claimingReview + " cannot create or amend it");
    }
}
