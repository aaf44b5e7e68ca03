package dev.incidentlifecycle.reviews.review;

/**
 * One difference between a review's previous outcome and its amended one.
 *
 * @param subject what changed: the document field name ({@code summary}), the factor or action item id,
 *                or the participant
 */
public record OutcomeChange(Kind kind, String subject) {

    public enum Kind {
        DOCUMENT_CHANGED,
        CONTRIBUTING_FACTOR_ADDED,
        CONTRIBUTING_FACTOR_REMOVED,
        ACTION_ITEM_ADDED,
        ACTION_ITEM_CHANGED,
        ACTION_ITEM_REMOVED,
        PARTICIPANT_ADDED
    }
}
