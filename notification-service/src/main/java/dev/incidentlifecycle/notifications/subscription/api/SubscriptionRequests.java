package dev.incidentlifecycle.notifications.subscription.api;

import dev.incidentlifecycle.notifications.subscription.SubscriptionFormat;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The bodies of the subscription commands. Lengths and counts are bounded. */
public final class SubscriptionRequests {

    /** An event type name as published: {@code incident.declared}, {@code review.published}, {@code action-item.overdue}, ... */
    static final String EVENT_TYPE = "(incident|review|action-item)\\.[a-z]+(-[a-z]+)*";

    private SubscriptionRequests() {
    }

    /**
     * A new subscription.
     *
     * @param targetUrl  where to POST: an absolute http(s) URL; a Slack incoming-webhook URL for format slack
     * @param eventTypes which event types to send, 1 to 50 (slack: only the six it has messages for)
     * @param filter     only events of this service, team and/or severity; absent: all
     */
    @Schema(examples = "{\"targetUrl\":\"https://hooks.example.com/incidents\",\"format\":\"standard-webhooks\","
            + "\"eventTypes\":[\"incident.declared\",\"incident.resolved\"],\"filter\":{\"service\":\"payments-api\",\"severity\":\"SEV1\"},"
            + "\"description\":\"Paging bridge of the payments team\"}")
    public record Create(
            @NotBlank @Size(max = 2048) String targetUrl,
            @NotNull SubscriptionFormat format,
            @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) @Pattern(regexp = EVENT_TYPE,
                    message = "must be an event type such as incident.declared, review.published or action-item.overdue") String> eventTypes,
            @Valid Filter filter,
            @Size(max = 500) String description) {
    }

    /** Which events of the subscribed types to send: each given value must match. */
    @Schema(examples = "{\"service\":\"payments-api\",\"team\":\"payments\",\"severity\":\"SEV1\"}")
    public record Filter(
            @Size(max = 200) @Schema(description = "The incident's service") String service,
            @Size(max = 200) @Schema(description = "The owning team (action item events only carry one)") String team,
            @Schema(enumeration = {"SEV1", "SEV2", "SEV3", "SEV4"}) @Pattern(regexp = "SEV[1-4]", message = "must be SEV1, SEV2, SEV3 or SEV4") String severity) {
    }

    /** A secret rotation: the current secrets keep signing for the overlap (default: the configured one, 24 hours). */
    @Schema(examples = "{\"overlapSeconds\":3600}")
    public record Rotate(@Min(0) @Max(604_800) @Schema(description = "0 to 604800 (7 days)") Integer overlapSeconds) {
    }

    /** Why a subscription is disabled by hand. */
    @Schema(examples = "{\"reason\":\"Receiver is being migrated\"}")
    public record Disable(@Size(max = 500) String reason) {
    }
}
