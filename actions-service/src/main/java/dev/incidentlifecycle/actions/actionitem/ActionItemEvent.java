package dev.incidentlifecycle.actions.actionitem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What happened to an action item. Each event is self-contained for subscribers: it names the item
 * and its review, the actor ({@code by}) and when it happened ({@code occurredAt}), plus what changed.
 * The item's type (PREVENT, DETECT, ...) is {@code itemType} in events, because {@link #type()} is the
 * event's own type name.
 */
public sealed interface ActionItemEvent {

    /** The stable, versioned name of the event type, e.g. {@code action-item.created}. */
    String type();

    UUID actionItemId();

    /** The item's review; null for an item created by hand for an incident that had no review. */
    UUID reviewId();

    String by();

    Instant occurredAt();

    /**
     * The item was created: from a review outcome, or by hand referencing a review.
     *
     * @param dueDateFromSla true when the review (or the person) gave no due date and the SLA set it
     * @param origin         REVIEW or AD_HOC; null in events recorded before origins existed (all REVIEW)
     */
    record Created(
            UUID actionItemId, UUID reviewId, UUID incidentId, String incidentNumber, Severity severity,
            String service, String title, ActionItemType itemType, String ownerTeam, String owner, Priority priority,
            LocalDate dueDate, boolean dueDateFromSla, String by, Instant occurredAt, ActionItemOrigin origin)
            implements ActionItemEvent {
        @Override
        public String type() {
            return "action-item.created";
        }
    }

    /** Work on the item began. */
    record Started(UUID actionItemId, UUID reviewId, String by, Instant occurredAt) implements ActionItemEvent {
        @Override
        public String type() {
            return "action-item.started";
        }
    }

    /** The item is done. {@code link} may be null. */
    record Completed(UUID actionItemId, UUID reviewId, String resolutionNote, String link, String by,
                     Instant occurredAt) implements ActionItemEvent {
        @Override
        public String type() {
            return "action-item.completed";
        }
    }

    /** The team decided not to do the item, and said why. */
    record ClosedAsWontDo(UUID actionItemId, UUID reviewId, String justification, String by, Instant occurredAt)
            implements ActionItemEvent {
        @Override
        public String type() {
            return "action-item.wont-do";
        }
    }

    /** A closed item is open again, for the reason given. */
    record Reopened(UUID actionItemId, UUID reviewId, String reason, String by, Instant occurredAt)
            implements ActionItemEvent {
        @Override
        public String type() {
            return "action-item.reopened";
        }
    }

    /** Another team and/or person owns the item now. Owners may be null (the team as a whole). */
    record Reassigned(UUID actionItemId, UUID reviewId, String fromTeam, String toTeam, String fromOwner,
                      String toOwner, String reason, String by, Instant occurredAt) implements ActionItemEvent {
        @Override
        public String type() {
            return "action-item.reassigned";
        }
    }

    /** The due date moved, for the reason given. */
    record DueDateChanged(UUID actionItemId, UUID reviewId, LocalDate from, LocalDate to, String reason, String by,
                          Instant occurredAt) implements ActionItemEvent {
        @Override
        public String type() {
            return "action-item.due-date-changed";
        }
    }

    /** The item is tracked in an external tracker too. */
    record TrackerLinked(UUID actionItemId, UUID reviewId, String url, String by, Instant occurredAt)
            implements ActionItemEvent {
        @Override
        public String type() {
            return "action-item.tracker-linked";
        }
    }

    /**
     * An amendment of the review changed the item.
     *
     * @param changed        the fields this amendment changed, in {@link AmendedField} order, never empty
     * @param title          this and the following fields: the item's values after the amendment, all
     *                       of them, so that a subscriber can take them as they are
     * @param dueDateFromSla true when the due date after the amendment is the SLA's
     * @param asReviewed     what the review now states about the item (its due date null when the
     *                       review gives none); later amendments are compared with it
     */
    record Amended(
            UUID actionItemId, UUID reviewId, List<AmendedField> changed, String title, ActionItemType itemType,
            String ownerTeam, String owner, Priority priority, LocalDate dueDate, boolean dueDateFromSla,
            ReviewedItem asReviewed, String by, Instant occurredAt) implements ActionItemEvent {

        public Amended {
            changed = List.copyOf(changed);
        }

        @Override
        public String type() {
            return "action-item.amended";
        }
    }

    /**
     * An amendment removed the item from its review. It stays for history and accepts no more changes.
     *
     * @param status its status from now on: WONT_DO for an item that was open; a closed item keeps its own
     * @param reason always {@value ActionItemDecider#REMOVED_BY_AMENDMENT}
     */
    record Removed(UUID actionItemId, UUID reviewId, ActionItemStatus status, String reason, String by,
                   Instant occurredAt) implements ActionItemEvent {
        @Override
        public String type() {
            return "action-item.removed";
        }
    }

    /**
     * The due date passed with the item still open. Emitted once per due date; it carries the owners so
     * that a notifier needs nothing else.
     */
    record BecameOverdue(UUID actionItemId, UUID reviewId, LocalDate dueDate, String ownerTeam, String owner,
                         String by, Instant occurredAt) implements ActionItemEvent {
        @Override
        public String type() {
            return "action-item.overdue";
        }
    }

    /**
     * The DONE item's condition came back: a later review (of a later incident on the same service) named a
     * contributing factor with the same category and tag as the item's review.
     *
     * @param laterReviewId the review that recurred it
     * @param shared        the (category, tag) pairs both reviews named
     */
    record Recurred(UUID actionItemId, UUID reviewId, UUID laterReviewId, UUID laterIncidentId,
                    String laterIncidentNumber, List<SharedFactor> shared, String by, Instant occurredAt)
            implements ActionItemEvent {
        public Recurred {
            shared = shared == null ? List.of() : List.copyOf(shared);
        }

        @Override
        public String type() {
            return "action-item.recurred";
        }
    }
}
