package dev.incidentlifecycle.reviews.review;

import dev.incidentlifecycle.reviews.policy.ReviewRequirement;
import dev.incidentlifecycle.reviews.policy.ReviewTerms;
import dev.incidentlifecycle.reviews.policy.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What someone (or an adapter reacting to another service's event) asks of a review. Every command
 * names its review; {@code actor} is who asks (a person, or the service for automatic steps) and
 * {@code at} when it happened, which becomes the event's {@code occurredAt}.
 */
public sealed interface ReviewCommand {

    UUID reviewId();

    /**
     * Creates the review (the adapter, on an incident resolved with a severity the policy covers). Built
     * from the policy's {@link ReviewTerms} and the planner's plan. A repeat for the same incident does
     * nothing; the same review id for another incident is refused.
     */
    record Schedule(UUID reviewId, UUID incidentId, String incidentNumber, Severity severity, String service,
                    String title, ReviewRequirement requirement, Instant dueAt, String facilitator,
                    List<String> participants, Instant scheduledStart, Instant scheduledEnd, String actor,
                    Instant at, String requestedBy) implements ReviewCommand {
        public Schedule {
            participants = participants == null ? List.of() : List.copyOf(participants);
        }

        /** Asked for by the policy. */
        public Schedule(UUID reviewId, UUID incidentId, String incidentNumber, Severity severity, String service,
                        String title, ReviewRequirement requirement, Instant dueAt, String facilitator,
                        List<String> participants, Instant scheduledStart, Instant scheduledEnd, String actor,
                        Instant at) {
            this(reviewId, incidentId, incidentNumber, severity, service, title, requirement, dueAt, facilitator,
                    participants, scheduledStart, scheduledEnd, actor, at, null);
        }
    }

    /**
     * Creates the review although nobody can facilitate it now: it waits, NEEDS_FACILITATOR, with its due instant
     * running. A repeat for the same incident does nothing.
     *
     * @param reason      why nobody was picked
     * @param requestedBy who asked for it by hand; null when the policy asked for it
     */
    record ScheduleWithoutFacilitator(UUID reviewId, UUID incidentId, String incidentNumber, Severity severity,
                                      String service, String title, ReviewRequirement requirement, Instant dueAt,
                                      List<String> participants, String reason, String requestedBy, String actor,
                                      Instant at) implements ReviewCommand {
        public ScheduleWithoutFacilitator {
            participants = participants == null ? List.of() : List.copyOf(participants);
        }
    }

    /**
     * Gives the review a facilitator and a meeting: a review waiting for one becomes SCHEDULED; one scheduled, on
     * hold or in review changes facilitator (the meeting's sequence rises). Never someone taking part.
     */
    record AssignFacilitator(UUID reviewId, String facilitator, Instant scheduledStart, Instant scheduledEnd,
                             String reason, String actor, Instant at) implements ReviewCommand {
    }

    /**
     * Moves the meeting; raises its sequence. From ON_HOLD it resumes the review (the incident was resolved
     * again).
     *
     * @param dueAt the new due instant (the policy re-applied to the new resolution), or null to keep it
     */
    record Reschedule(UUID reviewId, Instant scheduledStart, Instant scheduledEnd, Instant dueAt, String reason,
                      String actor, Instant at) implements ReviewCommand {
    }

    /** The incident was reopened: the review waits until it is resolved again. */
    record PutOnHold(UUID reviewId, String reason, String actor, Instant at) implements ReviewCommand {
    }

    record Cancel(UUID reviewId, String reason, String actor, Instant at) implements ReviewCommand {
    }

    /** Only a SUGGESTED review can be declined, with a reason. */
    record Decline(UUID reviewId, String reason, String actor, Instant at) implements ReviewCommand {
    }

    /** The meeting began: SCHEDULED → IN_REVIEW. */
    record Start(UUID reviewId, String actor, Instant at) implements ReviewCommand {
    }

    record AddParticipant(UUID reviewId, String participant, String actor, Instant at) implements ReviewCommand {
    }

    /** Sets whole sections; yields one {@code review.document-updated} per section whose text changes. */
    record UpdateDocument(UUID reviewId, Map<DocumentField, String> sections, String actor, Instant at)
            implements ReviewCommand {
        public UpdateDocument {
            sections = sections == null ? Map.of() : Map.copyOf(sections);
        }
    }

    /** Sets the note on one of the incident's timeline entries; a blank note removes it. */
    record AnnotateTimeline(UUID reviewId, String entryId, String note, String actor, Instant at)
            implements ReviewCommand {
    }

    /** @param factorId chosen by the caller (a new UUID), so a retried command is recognised */
    record AddContributingFactor(UUID reviewId, UUID factorId, FactorCategory category, String description,
                                 List<String> tags, String actor, Instant at) implements ReviewCommand {
    }

    record RemoveContributingFactor(UUID reviewId, UUID factorId, String actor, Instant at)
            implements ReviewCommand {
    }

    /** @param item its id chosen by the caller (a new UUID): it stays the action item's id everywhere */
    record ProposeActionItem(UUID reviewId, ActionItem item, String actor, Instant at) implements ReviewCommand {
    }

    /** Replaces the item's fields; the id stays. */
    record ChangeActionItem(UUID reviewId, ActionItem item, String actor, Instant at) implements ReviewCommand {
    }

    record RemoveActionItem(UUID reviewId, UUID actionItemId, String reason, String actor, Instant at)
            implements ReviewCommand {
    }

    /** Keeps an open language finding from blocking publication; the reason stays in the history. */
    record DismissFinding(UUID reviewId, String findingId, String reason, String actor, Instant at)
            implements ReviewCommand {
    }

    /**
     * IN_REVIEW → PUBLISHED, refused while a language finding is open or the summary is empty.
     *
     * @param link        where people read the review (absolute), carried by {@code review.published}
     * @param recurrences earlier reviews naming the same conditions (the adapter finds them): when there are any,
     *                    {@code review.recurrence-found} follows {@code review.published}
     */
    record Publish(UUID reviewId, String actor, Instant at, String link, List<Recurrence> recurrences) implements ReviewCommand {
        public Publish {
            recurrences = recurrences == null ? List.of() : List.copyOf(recurrences);
        }

        public Publish(UUID reviewId, String actor, Instant at, String link) {
            this(reviewId, actor, at, link, List.of());
        }

        public Publish(UUID reviewId, String actor, Instant at) {
            this(reviewId, actor, at, null, List.of());
        }
    }

    /** Publishes the edits made since publication as {@code review.amended}. */
    record Amend(UUID reviewId, String reason, String actor, Instant at, String link) implements ReviewCommand {
        public Amend(UUID reviewId, String reason, String actor, Instant at) {
            this(reviewId, reason, actor, at, null);
        }
    }

    /** Sent by a scheduler: yields {@code review.overdue} once per due instant when {@code now} is past it. */
    record MarkOverdue(UUID reviewId, Instant now) implements ReviewCommand {
    }

    /** What actions-service reported about an action item (from {@code action-item-events}). */
    record RecordActionItemStatus(UUID reviewId, UUID actionItemId, ActionItemStatus status, String actor,
                                  Instant at) implements ReviewCommand {
    }

    /**
     * The incident's severity changed: the adapter re-applies the policy (to the resolution time it knows)
     * and passes the new terms. NONE cancels an unpublished review.
     */
    record ApplySeverityChange(UUID reviewId, ReviewTerms terms, String actor, Instant at) implements ReviewCommand {
    }
}
