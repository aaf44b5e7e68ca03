package dev.incidentlifecycle.actions.actionitem;

/**
 * How an action item came to be. Either way it names an incident, and a review ({@code reviewId}) unless it was created
 * by hand for an incident that has no review; only a review's own items follow its amendments.
 */
public enum ActionItemOrigin {
    /** Listed in a review's outcome ({@code review.published}, {@code review.amended}): the review's amendments change it. */
    REVIEW,
    /**
     * Created by hand ({@code POST /action-items}) by a responder or reviewer, referencing a review (directly, or
     * through its incident) or an incident that has no review. Not part of that review's outcome: its amendments never change or remove it.
     */
    AD_HOC;

    /** Events recorded before origins existed carry none: those items all came from reviews. */
    public static ActionItemOrigin orReview(ActionItemOrigin origin) {
        return origin == null ? REVIEW : origin;
    }
}
