package dev.incidentlifecycle.reviews.review.api;

import dev.incidentlifecycle.reviews.policy.ReviewRequirement;
import dev.incidentlifecycle.reviews.policy.Severity;
import dev.incidentlifecycle.reviews.review.ReviewStatus;
import dev.incidentlifecycle.reviews.review.readmodel.ReadModelJson;
import dev.incidentlifecycle.reviews.review.readmodel.ReviewRow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A review in a listing: its schedule and standing, without the document. */
public record ReviewSummary(UUID id, UUID incidentId, String incidentNumber, String title, String service,
                            ReviewStatus status, Severity severity, ReviewRequirement requirement, Instant dueAt,
                            boolean overdue, String facilitator, List<String> participants, Instant scheduledStart,
                            Instant scheduledEnd, int sequence, int openFindings, Instant publishedAt,
                            boolean followUpCompleted, long version) {

    static ReviewSummary of(ReviewRow row) {
        return new ReviewSummary(row.id, row.incidentId, row.incidentNumber, row.title, row.service, row.status,
                row.severity, row.requirement, row.dueAt, row.overdue, row.facilitator,
                ReadModelJson.read(row.participants, ReadModelJson.PEOPLE), row.scheduledStart, row.scheduledEnd,
                row.sequence, row.openFindings, row.publishedAt, row.followUpCompleted, row.version);
    }
}
