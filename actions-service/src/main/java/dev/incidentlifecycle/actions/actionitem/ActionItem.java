package dev.incidentlifecycle.actions.actionitem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The state of one action item, folded from its events by {@link ActionItemDecider}. Plain values only,
 * so it can be stored as a snapshot; the stream version is kept by the store, not here.
 *
 * @param id                 the stable action item id from the review; the stream is {@code action-item-<id>}
 * @param owner              the person, or null when the team as a whole owns it
 * @param dueDate            never null once the item exists: given by the review, or by the SLA
 * @param dueDateFromSla     true while the due date is the SLA's (neither the review nor the team set one)
 * @param completedAt        when it became DONE; null otherwise
 * @param closedAt           when it became DONE or WONT_DO; null while open
 * @param resolutionNote     what was changed, for DONE; null otherwise
 * @param link               optional link to the change, for DONE
 * @param justification      why not, for WONT_DO (for a removed item: {@value ActionItemDecider#REMOVED_BY_AMENDMENT})
 * @param trackerUrl         the external tracker's URL, or null
 * @param overdueNotifiedFor the due date for which {@code action-item.overdue} was last emitted; cleared
 *                           when the due date changes, so that the new date is watched again
 * @param removed            true once an amendment removed it from the review: kept for history only
 * @param asReviewed         what the review last stated about the item; amendments are compared with it
 * @param origin             REVIEW for an item of a review's outcome, AD_HOC for one created by hand
 * @param recurredBy         the later reviews that found its condition again ({@code action-item.recurred}), oldest
 *                           first, never null (empty in snapshots taken before recurrences existed)
 */
public record ActionItem(
        UUID id,
        UUID reviewId,
        UUID incidentId,
        String incidentNumber,
        Severity severity,
        String service,
        String title,
        ActionItemType type,
        String ownerTeam,
        String owner,
        Priority priority,
        ActionItemStatus status,
        LocalDate dueDate,
        boolean dueDateFromSla,
        Instant createdAt,
        Instant completedAt,
        Instant closedAt,
        String resolutionNote,
        String link,
        String justification,
        String trackerUrl,
        LocalDate overdueNotifiedFor,
        boolean removed,
        ReviewedItem asReviewed,
        ActionItemOrigin origin,
        List<UUID> recurredBy) {

    public ActionItem {
        recurredBy = recurredBy == null ? List.of() : List.copyOf(recurredBy);
    }

    /** The state of a stream with no events: the item does not exist yet. */
    public static final ActionItem NONE = new ActionItem(null, null, null, null, null, null, null, null, null, null,
            null, null, null, false, null, null, null, null, null, null, null, null, false, null, null, List.of());

    /** The stream of the item with this id. */
    public static String streamId(UUID actionItemId) {
        return "action-item-" + actionItemId;
    }

    public boolean exists() {
        return id != null;
    }

    /**
     * Overdue as read models show it: still owed (OPEN or IN_PROGRESS) and {@code today} is after the
     * due date. Independent of whether {@code action-item.overdue} was emitted yet.
     */
    public boolean overdueOn(LocalDate today) {
        return exists() && !status.isClosed() && dueDate != null && today.isAfter(dueDate);
    }

    Draft draft() {
        return new Draft(this);
    }

    /** A mutable copy used only while applying one event, so that evolve names just what changes. */
    static final class Draft {
        UUID id;
        UUID reviewId;
        UUID incidentId;
        String incidentNumber;
        Severity severity;
        String service;
        String title;
        ActionItemType type;
        String ownerTeam;
        String owner;
        Priority priority;
        ActionItemStatus status;
        LocalDate dueDate;
        boolean dueDateFromSla;
        Instant createdAt;
        Instant completedAt;
        Instant closedAt;
        String resolutionNote;
        String link;
        String justification;
        String trackerUrl;
        LocalDate overdueNotifiedFor;
        boolean removed;
        ReviewedItem asReviewed;
        ActionItemOrigin origin;
        List<UUID> recurredBy;

        private Draft(ActionItem s) {
            id = s.id;
            reviewId = s.reviewId;
            incidentId = s.incidentId;
            incidentNumber = s.incidentNumber;
            severity = s.severity;
            service = s.service;
            title = s.title;
            type = s.type;
            ownerTeam = s.ownerTeam;
            owner = s.owner;
            priority = s.priority;
            status = s.status;
            dueDate = s.dueDate;
            dueDateFromSla = s.dueDateFromSla;
            createdAt = s.createdAt;
            completedAt = s.completedAt;
            closedAt = s.closedAt;
            resolutionNote = s.resolutionNote;
            link = s.link;
            justification = s.justification;
            trackerUrl = s.trackerUrl;
            overdueNotifiedFor = s.overdueNotifiedFor;
            removed = s.removed;
            asReviewed = s.asReviewed;
            origin = s.origin;
            recurredBy = s.recurredBy;
        }

        ActionItem toState() {
            return new ActionItem(id, reviewId, incidentId, incidentNumber, severity, service, title, type, ownerTeam,
                    owner, priority, status, dueDate, dueDateFromSla, createdAt, completedAt, closedAt,
                    resolutionNote, link, justification, trackerUrl, overdueNotifiedFor, removed, asReviewed, origin,
                    recurredBy);
        }
    }
}
