package dev.incidentlifecycle.reviews.review.api;

import dev.incidentlifecycle.reviews.incident.TimelineEntryRow;
import dev.incidentlifecycle.reviews.policy.ReviewRequirement;
import dev.incidentlifecycle.reviews.policy.Severity;
import dev.incidentlifecycle.reviews.review.ActionItem;
import dev.incidentlifecycle.reviews.review.ActionItemStatus;
import dev.incidentlifecycle.reviews.review.ActionItemType;
import dev.incidentlifecycle.reviews.review.ContributingFactor;
import dev.incidentlifecycle.reviews.review.DocumentField;
import dev.incidentlifecycle.reviews.review.Priority;
import dev.incidentlifecycle.reviews.review.ReviewDocument;
import dev.incidentlifecycle.reviews.review.ReviewState;
import dev.incidentlifecycle.reviews.review.ReviewStatus;
import dev.incidentlifecycle.reviews.review.readmodel.FindingView;
import dev.incidentlifecycle.reviews.review.readmodel.ReadModelJson;
import dev.incidentlifecycle.reviews.review.readmodel.ReviewRow;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A review in JSON: its schedule, its document (sections, annotated incident timeline, contributing factors,
 * action items), the language findings still open (each dismissable by id) and those dismissed.
 *
 * @param requestedBy      who asked for the review by hand ({@code POST /reviews}); null when the policy asked
 * @param overdue          the due instant passed and the review is still open
 * @param facilitator      null while the review is NEEDS_FACILITATOR (and so are the scheduled times)
 * @param sequence         how often the meeting was rescheduled (the calendar's SEQUENCE)
 * @param findings         the open language findings: publication is refused while there is any
 * @param version          the stream version, also the ETag
 */
public record ReviewView(
        UUID id,
        UUID incidentId,
        String incidentNumber,
        String title,
        String service,
        ReviewStatus status,
        Severity severity,
        ReviewRequirement requirement,
        String requestedBy,
        Instant dueAt,
        boolean overdue,
        String facilitator,
        List<String> participants,
        Instant scheduledStart,
        Instant scheduledEnd,
        int sequence,
        Document document,
        List<TimelineEntry> timeline,
        List<ContributingFactor> contributingFactors,
        List<ActionItemView> actionItems,
        List<FindingView> findings,
        List<FindingView> dismissedFindings,
        Instant publishedAt,
        int amendments,
        boolean followUpCompleted,
        long version) {

    /** The free-text sections. */
    @Schema(name = "ReviewDocument")
    public record Document(String summary, String impact, String whatWentWell, String whereWeGotLucky,
                           String openQuestions) {

        static Document of(ReviewDocument document) {
            return new Document(document.text(DocumentField.SUMMARY), document.text(DocumentField.IMPACT),
                    document.text(DocumentField.WHAT_WENT_WELL), document.text(DocumentField.WHERE_WE_GOT_LUCKY),
                    document.text(DocumentField.OPEN_QUESTIONS));
        }
    }

    /** One entry of the incident's timeline with the review's note on it (null when none). */
    public record TimelineEntry(String entryId, Instant occurredAt, String actor, String type, String summary, String note) {
    }

    /** A proposed action item and its status as actions-service last reported it. */
    public record ActionItemView(UUID actionItemId, String title, ActionItemType type, String ownerTeam, String owner,
                                 Priority priority, LocalDate dueDate, ActionItemStatus status) {

        static ActionItemView of(ActionItem item, ActionItemStatus status) {
            return new ActionItemView(item.actionItemId(), item.title(), item.type(), item.ownerTeam(), item.owner(),
                    item.priority(), item.dueDate(), status);
        }
    }

    static ReviewView of(ReviewRow row, List<TimelineEntryRow> timeline) {
        ReviewState state = ReadModelJson.read(row.state, ReviewState.class);
        List<FindingView> findings = ReadModelJson.read(row.findings, ReadModelJson.FINDINGS);
        ReviewDocument document = state.document();
        return new ReviewView(row.id, row.incidentId, row.incidentNumber, row.title, row.service, row.status,
                row.severity, row.requirement, state.requestedBy(), row.dueAt, row.overdue, row.facilitator,
                state.meeting().participants(), row.scheduledStart, row.scheduledEnd, row.sequence,
                Document.of(document),
                timeline.stream().map(t -> new TimelineEntry(t.entryId, t.occurredAt, t.actor, t.type, t.summary,
                        document.timelineNotes().get(t.entryId))).toList(),
                List.copyOf(document.contributingFactors().values()),
                document.actionItems().values().stream()
                        .map(item -> ActionItemView.of(item, state.actionItemStatus(item.actionItemId()))).toList(),
                findings.stream().filter(FindingView::open).toList(),
                findings.stream().filter(f -> !f.open()).toList(),
                row.publishedAt, row.amendments, row.followUpCompleted, row.version);
    }
}
