package dev.incidentlifecycle.actions.actionitem.api;

import dev.incidentlifecycle.actions.actionitem.ActionItemOrigin;
import dev.incidentlifecycle.actions.actionitem.ActionItemStatus;
import dev.incidentlifecycle.actions.actionitem.ActionItemType;
import dev.incidentlifecycle.actions.actionitem.Priority;
import dev.incidentlifecycle.actions.actionitem.Severity;
import dev.incidentlifecycle.actions.actionitem.readmodel.ActionItemRow;
import dev.incidentlifecycle.actions.actionitem.readmodel.Recurrences;
import dev.incidentlifecycle.actions.actionitem.readmodel.Recurrences.Recurrence;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An action item as the API shows it.
 *
 * @param overdue true while it is still owed and today (in the service's zone) is after its due date
 * @param removed true once an amendment of its review removed it: kept for history, no longer changeable
 * @param reviewId its review; null only for an item created by hand for an incident that had no review
 * @param origin  REVIEW: listed in the outcome of review {@code reviewId}; AD_HOC: created by hand, referencing
 *                review {@code reviewId} (and its incident) without being part of its outcome, or the incident alone
 * @param recurred   true once a later review named a contributing factor with the same category and tag on the same
 *                   service after the item was done: the fix did not end the condition
 * @param recurredBy those later reviews, oldest first, at most 20
 * @param version the stream version, also the {@code ETag}; send it back as {@code If-Match}
 */
@Schema(name = "ActionItem")
public record ActionItemView(
        UUID id,
        @Schema(nullable = true, description = "Its review; null only for an item created by hand for an incident that had no review")
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
        boolean overdue,
        Instant createdAt,
        Instant completedAt,
        Instant closedAt,
        String resolutionNote,
        String link,
        String justification,
        String trackerUrl,
        boolean removed,
        ActionItemOrigin origin,
        long version,
        boolean recurred,
        List<Recurrence> recurredBy) {

    public static ActionItemView of(ActionItemRow row, LocalDate today) {
        return new ActionItemView(row.id, row.reviewId, row.incidentId, row.incidentNumber, row.severity, row.service,
                row.title, row.type, row.ownerTeam, row.owner, row.priority, row.status, row.dueDate, row.dueDateFromSla,
                row.overdueOn(today), row.createdAt, row.completedAt, row.closedAt, row.resolutionNote, row.link,
                row.justification, row.trackerUrl, row.removed, row.origin, row.version, row.recurred,
                Recurrences.read(row.recurredBy));
    }
}
