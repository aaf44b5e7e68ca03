package dev.incidentlifecycle.notifications.subscription.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.incidentlifecycle.notifications.subscription.SubscriptionFormat;
import dev.incidentlifecycle.notifications.subscription.SubscriptionRow;
import dev.incidentlifecycle.notifications.subscription.SubscriptionState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as admins see it. {@code secret} is there only in the answer to its creation: it is never shown again
 * (rotate it to get a new one).
 */
public record SubscriptionView(UUID id, String targetUrl,
                               SubscriptionFormat format,
                               List<String> eventTypes, SubscriptionRequests.Filter filter, String description,
                               SubscriptionState state,
                               @Schema(description = "Why it is DISABLED") String disabledReason, Instant disabledAt,
                               @Schema(description = "The first failed attempt since the last success") Instant failingSince,
                               Instant createdAt, Instant updatedAt,
                               @JsonInclude(JsonInclude.Include.NON_NULL)
                               @Schema(description = "The whsec_ signing secret: only in the answer to a creation") String secret) {

    public static SubscriptionView of(SubscriptionRow row) {
        return of(row, null);
    }

    public static SubscriptionView of(SubscriptionRow row, String secret) {
        return new SubscriptionView(row.id, row.targetUrl, row.format, List.copyOf(row.eventTypeSet()),
                new SubscriptionRequests.Filter(row.filterService, row.filterTeam, row.filterSeverity), row.description,
                row.state, row.disabledReason, row.disabledAt, row.failingSince, row.createdAt, row.updatedAt, secret);
    }

    /** The answer to a rotation: the new secret, and until when the previous ones still sign. */
    public record RotatedSecret(String secret, Instant previousSecretsRetireAt) {
    }
}
