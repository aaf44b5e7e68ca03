package dev.incidentlifecycle.actions.actionitem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What can be asked of an action item. Every command names the item, the actor ({@code by}: a person,
 * or the service for commands that come from Kafka or a schedule) and the time it happens ({@code at}),
 * so that the decision never reads a clock.
 */
public sealed interface ActionItemCommand {

    UUID actionItemId();

    String by();

    Instant at();

    /**
     * Creates the item from a published review outcome. Idempotent: on an existing item it yields
     * nothing, so the same outcome delivered twice makes no duplicate.
     *
     * @param at when the review was published; an SLA due date counts from it
     */
    record Create(ReviewOrigin origin, ReviewedItem item, String by, Instant at) implements ActionItemCommand {
        @Override
        public UUID actionItemId() {
            return item == null ? null : item.actionItemId();
        }
    }

    /**
     * Creates an item by hand ({@code POST /action-items}), outside any review outcome, with the same SLA,
     * lifecycle and team rules. It references a review the service knows ({@code reference}: the review and its
     * incident, whose severity sets the SLA), or an incident that has no review ({@link ReviewOrigin#withoutReview}:
     * the incident's severity sets the SLA); that review's amendments never change or remove it. The id is new:
     * an item that exists already is refused.
     *
     * @param at when it was created; an SLA due date counts from it
     */
    record CreateAdHoc(ReviewOrigin reference, ReviewedItem item, String by, Instant at) implements ActionItemCommand {
        @Override
        public UUID actionItemId() {
            return item == null ? null : item.actionItemId();
        }
    }

    /**
     * Applies what an amended review now says about this item. Yields {@code action-item.amended} with
     * the fields the amendment changed (compared with what the review said before, not with the item,
     * so a team's own reassignment or due date change survives an amendment of other fields), nothing
     * when it changed none of them, and {@code action-item.created} for an item the amendment added.
     * A removed item stays removed: nothing. The origin's severity is only used to create an item; a
     * later change of it does not move due dates.
     *
     * @param at when the review was amended; an SLA due date of an added item counts from it
     */
    record ApplyAmendment(ReviewOrigin origin, ReviewedItem item, String by, Instant at) implements ActionItemCommand {
        @Override
        public UUID actionItemId() {
            return item == null ? null : item.actionItemId();
        }
    }

    /** The amended review no longer lists this item. Idempotent. */
    record RemoveByAmendment(UUID actionItemId, String by, Instant at) implements ActionItemCommand {
    }

    /** OPEN → IN_PROGRESS. */
    record Start(UUID actionItemId, String by, Instant at) implements ActionItemCommand {
    }

    /**
     * OPEN or IN_PROGRESS → DONE.
     *
     * @param resolutionNote required: what was changed
     * @param link           optional absolute http(s) URL to the change (pull request, runbook, ...)
     */
    record Complete(UUID actionItemId, String resolutionNote, String link, String by, Instant at)
            implements ActionItemCommand {
    }

    /** OPEN or IN_PROGRESS → WONT_DO, with a required justification. */
    record CloseAsWontDo(UUID actionItemId, String justification, String by, Instant at)
            implements ActionItemCommand {
    }

    /** DONE or WONT_DO → OPEN, with a required reason. */
    record Reopen(UUID actionItemId, String reason, String by, Instant at) implements ActionItemCommand {
    }

    /**
     * Hands an open item to another team and/or person.
     *
     * @param toTeam  required; the current team when only the person changes
     * @param toOwner the person, or null for the team as a whole
     * @param reason  optional
     */
    record Reassign(UUID actionItemId, String toTeam, String toOwner, String reason, String by, Instant at)
            implements ActionItemCommand {
    }

    /** Moves the due date of an open item; the reason is required and kept. */
    record ChangeDueDate(UUID actionItemId, LocalDate dueDate, String reason, String by, Instant at)
            implements ActionItemCommand {
    }

    /** Links the item to an external tracker (Jira, GitHub, ...): an absolute http(s) URL. */
    record LinkTracker(UUID actionItemId, String url, String by, Instant at) implements ActionItemCommand {
    }

    /**
     * Asked by the overdue sweep for every open item: yields {@code action-item.overdue} once per due
     * date when {@code today} is after it, otherwise nothing.
     *
     * @param today the date in the zone the service counts due dates in
     */
    record MarkOverdue(UUID actionItemId, LocalDate today, String by, Instant at) implements ActionItemCommand {
    }

    /**
     * Review-service found that a later review ({@code laterReviewId}, of incident {@code laterIncidentId}) names a
     * factor with the same category and tag as this item's review: the fix did not end the condition. Yields
     * {@code action-item.recurred} for a DONE item, once per later review, and at most
     * {@value ActionItemDecider#MAX_RECURRENCES} times per item; nothing otherwise (an item not done, not held, or
     * already marked by that review).
     *
     * @param shared the (category, tag) pairs both reviews named, at most {@value ActionItemDecider#MAX_RECURRENCES}
     */
    record MarkRecurred(UUID actionItemId, UUID laterReviewId, UUID laterIncidentId, String laterIncidentNumber,
                        List<SharedFactor> shared, String by, Instant at) implements ActionItemCommand {
        public MarkRecurred {
            shared = shared == null ? List.of() : List.copyOf(shared);
        }
    }
}
