package dev.incidentlifecycle.reviews.review;

import dev.incidentlifecycle.reviews.languagecheck.RuleCategory;
import dev.incidentlifecycle.reviews.policy.ReviewRequirement;
import dev.incidentlifecycle.reviews.policy.Severity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What happened to a review. Each event is self-contained for subscribers: it names the review and its
 * incident, the actor where a person (or service) acted, and when it happened.
 */
public sealed interface ReviewEvent {

    /** The stable, versioned name of the event type, e.g. {@code review.published}. */
    String type();

    UUID reviewId();

    UUID incidentId();

    Instant occurredAt();

    /** Event classes by type name, for adapters that read events back from JSON. */
    static Map<String, Class<? extends ReviewEvent>> classesByType() {
        return Map.ofEntries(
                Map.entry("review.scheduled", Scheduled.class),
                Map.entry("review.awaiting-facilitator", AwaitingFacilitator.class),
                Map.entry("review.facilitator-assigned", FacilitatorAssigned.class),
                Map.entry("review.rescheduled", Rescheduled.class),
                Map.entry("review.put-on-hold", PutOnHold.class),
                Map.entry("review.cancelled", Cancelled.class),
                Map.entry("review.declined", Declined.class),
                Map.entry("review.started", Started.class),
                Map.entry("review.participant-added", ParticipantAdded.class),
                Map.entry("review.document-updated", DocumentUpdated.class),
                Map.entry("review.timeline-annotated", TimelineAnnotated.class),
                Map.entry("review.contributing-factor-added", ContributingFactorAdded.class),
                Map.entry("review.contributing-factor-removed", ContributingFactorRemoved.class),
                Map.entry("review.action-item-proposed", ActionItemProposed.class),
                Map.entry("review.action-item-changed", ActionItemChanged.class),
                Map.entry("review.action-item-removed", ActionItemRemoved.class),
                Map.entry("review.finding-dismissed", FindingDismissed.class),
                Map.entry("review.published", Published.class),
                Map.entry("review.amended", Amended.class),
                Map.entry("review.overdue", Overdue.class),
                Map.entry("review.action-item-status-recorded", ActionItemStatusRecorded.class),
                Map.entry("review.follow-up-completed", FollowUpCompleted.class),
                Map.entry("review.recurrence-found", RecurrenceFound.class),
                Map.entry("review.severity-changed", SeverityChanged.class));
    }

    /**
     * A review was created and its meeting scheduled. Sequence 0.
     *
     * @param requestedBy who asked for it by hand ({@code POST /reviews}); null when the policy asked for it
     */
    record Scheduled(UUID reviewId, UUID incidentId, String incidentNumber, Severity severity, String service,
                     String title, ReviewRequirement requirement, Instant dueAt, String facilitator,
                     List<String> participants, Instant scheduledStart, Instant scheduledEnd, String actor,
                     Instant occurredAt, String requestedBy) implements ReviewEvent {
        public Scheduled {
            participants = List.copyOf(participants);
        }

        /** Asked for by the policy. */
        public Scheduled(UUID reviewId, UUID incidentId, String incidentNumber, Severity severity, String service,
                         String title, ReviewRequirement requirement, Instant dueAt, String facilitator,
                         List<String> participants, Instant scheduledStart, Instant scheduledEnd, String actor,
                         Instant occurredAt) {
            this(reviewId, incidentId, incidentNumber, severity, service, title, requirement, dueAt, facilitator,
                    participants, scheduledStart, scheduledEnd, actor, occurredAt, null);
        }

        @Override
        public String type() {
            return "review.scheduled";
        }
    }

    /**
     * A review was created, but nobody could facilitate it (every facilitator was in the incident, or none is free
     * before the search horizon): it is NEEDS_FACILITATOR, its due instant runs, and it has no meeting yet.
     *
     * @param reason      why nobody was picked
     * @param requestedBy who asked for it by hand; null when the policy asked for it
     */
    record AwaitingFacilitator(UUID reviewId, UUID incidentId, String incidentNumber, Severity severity, String service,
                               String title, ReviewRequirement requirement, Instant dueAt, List<String> participants,
                               String reason, String requestedBy, String actor, Instant occurredAt)
            implements ReviewEvent {
        public AwaitingFacilitator {
            participants = List.copyOf(participants);
        }

        @Override
        public String type() {
            return "review.awaiting-facilitator";
        }
    }

    /**
     * A facilitator was assigned (to a review waiting for one, which is now SCHEDULED) or replaced, and the meeting
     * put in their calendar. {@code sequence} is the calendar's SEQUENCE: 0 for a first meeting, raised when one
     * moves.
     *
     * @param previousFacilitator null when the review had none
     */
    record FacilitatorAssigned(UUID reviewId, UUID incidentId, String facilitator, String previousFacilitator,
                               Instant scheduledStart, Instant scheduledEnd, int sequence, String reason, String actor,
                               Instant occurredAt) implements ReviewEvent {
        @Override
        public String type() {
            return "review.facilitator-assigned";
        }
    }

    /**
     * The meeting moved. {@code sequence} counts reschedules (the calendar's SEQUENCE); {@code dueAt} is
     * the due instant from now on; a review on hold resumes.
     */
    record Rescheduled(UUID reviewId, UUID incidentId, Instant scheduledStart, Instant scheduledEnd, Instant dueAt,
                       String reason, int sequence, String actor, Instant occurredAt) implements ReviewEvent {
        @Override
        public String type() {
            return "review.rescheduled";
        }
    }

    /** The incident was reopened; the review waits. */
    record PutOnHold(UUID reviewId, UUID incidentId, String reason, String actor, Instant occurredAt)
            implements ReviewEvent {
        @Override
        public String type() {
            return "review.put-on-hold";
        }
    }

    record Cancelled(UUID reviewId, UUID incidentId, String reason, String actor, Instant occurredAt)
            implements ReviewEvent {
        @Override
        public String type() {
            return "review.cancelled";
        }
    }

    /** A SUGGESTED review was declined. */
    record Declined(UUID reviewId, UUID incidentId, String reason, String actor, Instant occurredAt)
            implements ReviewEvent {
        @Override
        public String type() {
            return "review.declined";
        }
    }

    /** The meeting began; the review is IN_REVIEW. */
    record Started(UUID reviewId, UUID incidentId, String actor, Instant occurredAt) implements ReviewEvent {
        @Override
        public String type() {
            return "review.started";
        }
    }

    record ParticipantAdded(UUID reviewId, UUID incidentId, String participant, String actor, Instant occurredAt)
            implements ReviewEvent {
        @Override
        public String type() {
            return "review.participant-added";
        }
    }

    /** One section of the document now reads {@code text} (the whole section). */
    record DocumentUpdated(UUID reviewId, UUID incidentId, DocumentField field, String text, String actor,
                           Instant occurredAt) implements ReviewEvent {
        @Override
        public String type() {
            return "review.document-updated";
        }
    }

    /** The note on an incident timeline entry now reads {@code note}; an empty note removed it. */
    record TimelineAnnotated(UUID reviewId, UUID incidentId, String entryId, String note, String actor,
                             Instant occurredAt) implements ReviewEvent {
        @Override
        public String type() {
            return "review.timeline-annotated";
        }
    }

    /** {@code tags}: absent (null) in events recorded before factors had tags. */
    record ContributingFactorAdded(UUID reviewId, UUID incidentId, UUID factorId, FactorCategory category,
                                   String description, List<String> tags, String actor, Instant occurredAt) implements ReviewEvent {
        @Override
        public String type() {
            return "review.contributing-factor-added";
        }
    }

    record ContributingFactorRemoved(UUID reviewId, UUID incidentId, UUID factorId, FactorCategory category,
                                     String description, String actor, Instant occurredAt) implements ReviewEvent {
        @Override
        public String type() {
            return "review.contributing-factor-removed";
        }
    }

    /** {@code itemType} is the action item's type (PREVENT, DETECT, ...); {@code type()} is the event's. */
    record ActionItemProposed(UUID reviewId, UUID incidentId, UUID actionItemId, String title, ActionItemType itemType,
                              String ownerTeam, String owner, Priority priority, LocalDate dueDate, String actor,
                              Instant occurredAt) implements ReviewEvent {
        public ActionItem item() {
            return new ActionItem(actionItemId, title, itemType, ownerTeam, owner, priority, dueDate);
        }

        @Override
        public String type() {
            return "review.action-item-proposed";
        }
    }

    /** The item's fields now read as given (all of them, not only the changed ones). */
    record ActionItemChanged(UUID reviewId, UUID incidentId, UUID actionItemId, String title, ActionItemType itemType,
                             String ownerTeam, String owner, Priority priority, LocalDate dueDate, String actor,
                             Instant occurredAt) implements ReviewEvent {
        public ActionItem item() {
            return new ActionItem(actionItemId, title, itemType, ownerTeam, owner, priority, dueDate);
        }

        @Override
        public String type() {
            return "review.action-item-changed";
        }
    }

    record ActionItemRemoved(UUID reviewId, UUID incidentId, UUID actionItemId, String title, String reason,
                             String actor, Instant occurredAt) implements ReviewEvent {
        @Override
        public String type() {
            return "review.action-item-removed";
        }
    }

    /** A language finding no longer blocks publication; it stays dismissed while its text is unchanged. */
    record FindingDismissed(UUID reviewId, UUID incidentId, String findingId, String field, String phrase,
                            String ruleId, RuleCategory category, String reason, String actor, Instant occurredAt)
            implements ReviewEvent {
        @Override
        public String type() {
            return "review.finding-dismissed";
        }
    }

    /**
     * THE review outcome, as first published.
     *
     * @param link where people read the review (its absolute URL under the configured public base URL); null in
     *             events recorded before it was carried
     */
    record Published(UUID reviewId, UUID incidentId, String incidentNumber, Severity severity, String service,
                     String title, String summary, String impact, String whatWentWell, String whereWeGotLucky,
                     String openQuestions, List<ContributingFactor> contributingFactors, List<ActionItem> actionItems,
                     String facilitator, List<String> participants, Instant dueAt, Instant publishedAt, String actor,
                     String link)
            implements ReviewEvent {
        public Published {
            contributingFactors = List.copyOf(contributingFactors);
            actionItems = List.copyOf(actionItems);
            participants = List.copyOf(participants);
        }

        public Published(UUID reviewId, UUID incidentId, String incidentNumber, Severity severity, String service,
                         String title, String summary, String impact, String whatWentWell, String whereWeGotLucky,
                         String openQuestions, List<ContributingFactor> contributingFactors,
                         List<ActionItem> actionItems, String facilitator, List<String> participants, Instant dueAt,
                         Instant publishedAt, String actor) {
            this(reviewId, incidentId, incidentNumber, severity, service, title, summary, impact, whatWentWell,
                    whereWeGotLucky, openQuestions, contributingFactors, actionItems, facilitator, participants, dueAt,
                    publishedAt, actor, null);
        }

        static Published of(ReviewOutcome outcome, String actor, String link) {
            return new Published(outcome.reviewId(), outcome.incidentId(), outcome.incidentNumber(),
                    outcome.severity(), outcome.service(), outcome.title(), outcome.summary(), outcome.impact(),
                    outcome.whatWentWell(), outcome.whereWeGotLucky(), outcome.openQuestions(),
                    outcome.contributingFactors(), outcome.actionItems(), outcome.facilitator(),
                    outcome.participants(), outcome.dueAt(), outcome.publishedAt(), actor, link);
        }

        public ReviewOutcome outcome() {
            return new ReviewOutcome(reviewId, incidentId, incidentNumber, severity, service, title, summary, impact,
                    whatWentWell, whereWeGotLucky, openQuestions, contributingFactors, actionItems, facilitator,
                    participants, dueAt, publishedAt);
        }

        @Override
        public Instant occurredAt() {
            return publishedAt;
        }

        @Override
        public String type() {
            return "review.published";
        }
    }

    /**
     * The full new outcome after publication, what changed and why. {@code publishedAt} is still the first
     * publication; {@code amendment} counts amendments from 1.
     */
    record Amended(UUID reviewId, UUID incidentId, String incidentNumber, Severity severity, String service,
                   String title, String summary, String impact, String whatWentWell, String whereWeGotLucky,
                   String openQuestions, List<ContributingFactor> contributingFactors, List<ActionItem> actionItems,
                   String facilitator, List<String> participants, Instant dueAt, Instant publishedAt, int amendment,
                   List<OutcomeChange> changes, String reason, String actor, Instant amendedAt, String link)
            implements ReviewEvent {
        public Amended {
            contributingFactors = List.copyOf(contributingFactors);
            actionItems = List.copyOf(actionItems);
            participants = List.copyOf(participants);
            changes = List.copyOf(changes);
        }

        public Amended(UUID reviewId, UUID incidentId, String incidentNumber, Severity severity, String service,
                       String title, String summary, String impact, String whatWentWell, String whereWeGotLucky,
                       String openQuestions, List<ContributingFactor> contributingFactors, List<ActionItem> actionItems,
                       String facilitator, List<String> participants, Instant dueAt, Instant publishedAt, int amendment,
                       List<OutcomeChange> changes, String reason, String actor, Instant amendedAt) {
            this(reviewId, incidentId, incidentNumber, severity, service, title, summary, impact, whatWentWell,
                    whereWeGotLucky, openQuestions, contributingFactors, actionItems, facilitator, participants, dueAt,
                    publishedAt, amendment, changes, reason, actor, amendedAt, null);
        }

        static Amended of(ReviewOutcome outcome, int amendment, List<OutcomeChange> changes, String reason,
                          String actor, Instant amendedAt, String link) {
            return new Amended(outcome.reviewId(), outcome.incidentId(), outcome.incidentNumber(),
                    outcome.severity(), outcome.service(), outcome.title(), outcome.summary(), outcome.impact(),
                    outcome.whatWentWell(), outcome.whereWeGotLucky(), outcome.openQuestions(),
                    outcome.contributingFactors(), outcome.actionItems(), outcome.facilitator(),
                    outcome.participants(), outcome.dueAt(), outcome.publishedAt(), amendment, changes, reason,
                    actor, amendedAt, link);
        }

        public ReviewOutcome outcome() {
            return new ReviewOutcome(reviewId, incidentId, incidentNumber, severity, service, title, summary, impact,
                    whatWentWell, whereWeGotLucky, openQuestions, contributingFactors, actionItems, facilitator,
                    participants, dueAt, publishedAt);
        }

        @Override
        public Instant occurredAt() {
            return amendedAt;
        }

        @Override
        public String type() {
            return "review.amended";
        }
    }

    /** The due instant passed with the review unpublished. Emitted once per due instant. */
    record Overdue(UUID reviewId, UUID incidentId, String incidentNumber, Instant dueAt, String facilitator,
                   Instant occurredAt) implements ReviewEvent {
        @Override
        public String type() {
            return "review.overdue";
        }
    }

    /** actions-service reported an action item's status. */
    record ActionItemStatusRecorded(UUID reviewId, UUID incidentId, UUID actionItemId, ActionItemStatus status,
                                    String actor, Instant occurredAt) implements ReviewEvent {
        @Override
        public String type() {
            return "review.action-item-status-recorded";
        }
    }

    /**
     * Every action item of the published review is DONE or WONT_DO (at once on publication when it has
     * none). incident-service closes the incident on it.
     */
    record FollowUpCompleted(UUID reviewId, UUID incidentId, String incidentNumber, List<UUID> actionItemIds,
                             Instant occurredAt) implements ReviewEvent {
        public FollowUpCompleted {
            actionItemIds = List.copyOf(actionItemIds);
        }

        @Override
        public String type() {
            return "review.follow-up-completed";
        }
    }

    /**
     * The review just published names contributing factors (category and tag) that earlier reviews of other
     * incidents on the same service named: their completed action items recurred. actions-service may mark them.
     */
    record RecurrenceFound(UUID reviewId, UUID incidentId, String incidentNumber, String service,
                           List<Recurrence> recurrences, String actor, Instant occurredAt) implements ReviewEvent {
        public RecurrenceFound {
            recurrences = List.copyOf(recurrences);
        }

        @Override
        public String type() {
            return "review.recurrence-found";
        }
    }

    /** The incident's severity changed and the policy was re-applied: requirement and due instant now. */
    record SeverityChanged(UUID reviewId, UUID incidentId, Severity previousSeverity, Severity severity,
                           ReviewRequirement requirement, Instant dueAt, String actor, Instant occurredAt)
            implements ReviewEvent {
        @Override
        public String type() {
            return "review.severity-changed";
        }
    }
}
