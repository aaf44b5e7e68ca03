package dev.incidentlifecycle.reviews.review;

import dev.incidentlifecycle.reviews.policy.ReviewRequirement;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The state of one review, folded from its events by {@link ReviewDecider}. Plain values only, so an
 * adapter can read it (and store it as a snapshot); the stream version is kept by the store.
 *
 * @param statusBeforeHold the status to return to when a review on hold is rescheduled; null otherwise
 * @param overdue          true once {@code review.overdue} was emitted for the current due instant
 * @param document         the working document; after publication, edits collect here until amended
 * @param dismissals       reason per dismissed language finding id
 * @param outcome          the last published or amended outcome; null until published
 * @param amendments       how many times the published outcome was amended
 * @param actionItemStatuses the statuses actions-service reported, by action item id
 * @param followUpCompleted true once every action item of the current outcome was DONE or WONT_DO
 * @param requestedBy      who asked for the review by hand ({@code POST /reviews}); null when the policy asked
 */
public record ReviewState(
        UUID reviewId,
        ReviewedIncident incident,
        ReviewRequirement requirement,
        ReviewStatus status,
        ReviewStatus statusBeforeHold,
        Instant dueAt,
        boolean overdue,
        Meeting meeting,
        ReviewDocument document,
        Map<String, String> dismissals,
        ReviewOutcome outcome,
        int amendments,
        Map<UUID, ActionItemStatus> actionItemStatuses,
        boolean followUpCompleted,
        String requestedBy) {

    /** The state of a stream with no events: the review does not exist yet. */
    public static final ReviewState NONE = new ReviewState(null, null, null, null, null, null, false, null,
            ReviewDocument.EMPTY, Map.of(), null, 0, Map.of(), false, null);

    public ReviewState {
        dismissals = Collections.unmodifiableMap(new LinkedHashMap<>(dismissals));
        actionItemStatuses = Collections.unmodifiableMap(new LinkedHashMap<>(actionItemStatuses));
    }

    /** The event stream of the review with this id. */
    public static String streamId(UUID reviewId) {
        return "review-" + reviewId;
    }

    public boolean exists() {
        return reviewId != null;
    }

    /** Overdue and still not published, cancelled or declined: what "overdue reviews" lists. */
    public boolean listedAsOverdue() {
        return overdue && status != null && status.isOpen();
    }

    /** True when the meeting ends after the due instant (no slot fitted before it). */
    public boolean meetingAfterDue() {
        return meeting != null && meeting.end() != null && dueAt != null && meeting.end().isAfter(dueAt);
    }

    /** The outcome the working document would publish now. */
    public ReviewOutcome draftOutcome(Instant publishedAt) {
        return new ReviewOutcome(reviewId, incident.incidentId(), incident.incidentNumber(), incident.severity(),
                incident.service(), incident.title(),
                document.text(DocumentField.SUMMARY),
                document.text(DocumentField.IMPACT),
                document.text(DocumentField.WHAT_WENT_WELL),
                document.text(DocumentField.WHERE_WE_GOT_LUCKY),
                document.text(DocumentField.OPEN_QUESTIONS),
                List.copyOf(document.contributingFactors().values()),
                List.copyOf(document.actionItems().values()),
                meeting.facilitator(), meeting.participants(), dueAt, publishedAt);
    }

    /** After publication: the changes an amendment would publish now. Empty before publication. */
    public List<OutcomeChange> unpublishedChanges() {
        return outcome == null ? List.of() : draftOutcome(outcome.publishedAt()).changesFrom(outcome);
    }

    /** The status actions-service last reported for this item; OPEN when none was reported. */
    public ActionItemStatus actionItemStatus(UUID actionItemId) {
        return actionItemStatuses.getOrDefault(actionItemId, ActionItemStatus.OPEN);
    }

    /** True when the current outcome exists and every one of its action items is DONE or WONT_DO. */
    public boolean allOutcomeActionItemsClosed() {
        return outcome != null && outcome.actionItems().stream()
                .allMatch(item -> actionItemStatus(item.actionItemId()).isClosed());
    }

    ReviewState withStatus(ReviewStatus newStatus) {
        return new ReviewState(reviewId, incident, requirement, newStatus, null, dueAt, overdue, meeting,
                document, dismissals, outcome, amendments, actionItemStatuses, followUpCompleted, requestedBy);
    }

    ReviewState onHold() {
        return new ReviewState(reviewId, incident, requirement, ReviewStatus.ON_HOLD, status, dueAt, overdue,
                meeting, document, dismissals, outcome, amendments, actionItemStatuses, followUpCompleted, requestedBy);
    }

    ReviewState rescheduled(Meeting newMeeting, Instant newDueAt) {
        ReviewStatus resumed = status == ReviewStatus.ON_HOLD ? statusBeforeHold : status;
        boolean stillOverdue = overdue && newDueAt.equals(dueAt);
        return new ReviewState(reviewId, incident, requirement, resumed, null, newDueAt, stillOverdue, newMeeting,
                document, dismissals, outcome, amendments, actionItemStatuses, followUpCompleted, requestedBy);
    }

    ReviewState withTerms(ReviewedIncident newIncident, ReviewRequirement newRequirement, Instant newDueAt) {
        boolean stillOverdue = overdue && newDueAt != null && newDueAt.equals(dueAt);
        return new ReviewState(reviewId, newIncident, newRequirement, status, statusBeforeHold, newDueAt,
                stillOverdue, meeting, document, dismissals, outcome, amendments, actionItemStatuses,
                followUpCompleted, requestedBy);
    }

    ReviewState markedOverdue() {
        return new ReviewState(reviewId, incident, requirement, status, statusBeforeHold, dueAt, true, meeting,
                document, dismissals, outcome, amendments, actionItemStatuses, followUpCompleted, requestedBy);
    }

    /** Whether a person asked for this review by hand: the severity policy then never cancels it. */
    public boolean requestedByHand() {
        return requestedBy != null;
    }

    ReviewState withFacilitator(Meeting newMeeting) {
        ReviewStatus next = status == ReviewStatus.NEEDS_FACILITATOR ? ReviewStatus.SCHEDULED : status;
        return new ReviewState(reviewId, incident, requirement, next, statusBeforeHold, dueAt, overdue,
                newMeeting, document, dismissals, outcome, amendments, actionItemStatuses, followUpCompleted, requestedBy);
    }

    ReviewState withMeeting(Meeting newMeeting) {
        return new ReviewState(reviewId, incident, requirement, status, statusBeforeHold, dueAt, overdue,
                newMeeting, document, dismissals, outcome, amendments, actionItemStatuses, followUpCompleted, requestedBy);
    }

    ReviewState withDocument(ReviewDocument newDocument) {
        return new ReviewState(reviewId, incident, requirement, status, statusBeforeHold, dueAt, overdue, meeting,
                newDocument, dismissals, outcome, amendments, actionItemStatuses, followUpCompleted, requestedBy);
    }

    ReviewState withDismissal(String findingId, String reason) {
        Map<String, String> next = new LinkedHashMap<>(dismissals);
        next.put(findingId, reason);
        return new ReviewState(reviewId, incident, requirement, status, statusBeforeHold, dueAt, overdue, meeting,
                document, next, outcome, amendments, actionItemStatuses, followUpCompleted, requestedBy);
    }

    ReviewState withOutcome(ReviewOutcome newOutcome, int newAmendments) {
        boolean completed = followUpCompleted && newOutcome.actionItems().stream()
                .allMatch(item -> actionItemStatus(item.actionItemId()).isClosed());
        return new ReviewState(reviewId, incident, requirement, ReviewStatus.PUBLISHED, null, dueAt, overdue,
                meeting, document, dismissals, newOutcome, newAmendments, actionItemStatuses, completed, requestedBy);
    }

    ReviewState withActionItemStatus(UUID actionItemId, ActionItemStatus itemStatus) {
        Map<UUID, ActionItemStatus> next = new LinkedHashMap<>(actionItemStatuses);
        next.put(actionItemId, itemStatus);
        // An item of the outcome reopened after follow-up completed means follow-up is owed again.
        boolean inOutcome = outcome != null
                && outcome.actionItems().stream().anyMatch(item -> item.actionItemId().equals(actionItemId));
        boolean completed = followUpCompleted && (itemStatus.isClosed() || !inOutcome);
        return new ReviewState(reviewId, incident, requirement, status, statusBeforeHold, dueAt, overdue, meeting,
                document, dismissals, outcome, amendments, next, completed, requestedBy);
    }

    ReviewState followUpDone() {
        return new ReviewState(reviewId, incident, requirement, status, statusBeforeHold, dueAt, overdue, meeting,
                document, dismissals, outcome, amendments, actionItemStatuses, true, requestedBy);
    }
}
