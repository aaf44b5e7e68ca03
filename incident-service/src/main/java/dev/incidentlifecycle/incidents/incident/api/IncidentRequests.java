package dev.incidentlifecycle.incidents.incident.api;

import dev.incidentlifecycle.incidents.incident.Incident;
import dev.incidentlifecycle.incidents.incident.IncidentRole;
import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * The JSON bodies of the incident commands. {@code occurredAt} (optional everywhere) back-dates what a person
 * reports: the event keeps it, and the time it was recorded besides.
 */
public final class IncidentRequests {

    private IncidentRequests() {
    }

    /**
     * @param detectedAt when the problem was first noticed; defaults to the declaration time
     */
    @Schema(examples = "{\"title\":\"Checkout p99 above 2s\",\"severity\":\"SEV2\",\"service\":\"checkout\",\"commander\":\"alex\",\"detectedAt\":\"2026-03-10T14:02:00Z\"}")
    public record Declaration(@NotBlank @Size(max = Incident.MAX_TITLE_LENGTH) String title,
                              @NotNull IncidentSeverity severity,
                              @Size(max = Incident.MAX_NAME_LENGTH) String service,
                              @Size(max = Incident.MAX_NAME_LENGTH) String commander,
                              Instant detectedAt,
                              Instant occurredAt) {
    }

    /** Acknowledge, mitigate: nothing but an optional time. The body itself may be left out. */
    @Schema(examples = "{\"occurredAt\":\"2026-03-10T14:05:00Z\"}")
    public record Milestone(Instant occurredAt) {
    }

    @Schema(examples = "{\"reason\":\"Rolled back release 142\"}")
    public record Resolution(@Size(max = Incident.MAX_TEXT_LENGTH) String reason, Instant occurredAt) {
    }

    @Schema(examples = "{\"reason\":\"Latency is back after the rollback\"}")
    public record Reopening(@NotBlank @Size(max = Incident.MAX_TEXT_LENGTH) String reason, Instant occurredAt) {
    }

    @Schema(examples = "{\"reason\":\"Duplicate test incident, nothing to learn\"}")
    public record Closing(@NotBlank @Size(max = Incident.MAX_TEXT_LENGTH) String reason, Instant occurredAt) {
    }

    @Schema(examples = "{\"reason\":\"Alert of the search cluster, not checkout\"}")
    public record Detachment(@Size(max = Incident.MAX_TEXT_LENGTH) String reason, Instant occurredAt) {
    }

    /**
     * A correction: only the fields given change (JSON merge patch); an empty string clears the summary or service.
     */
    @Schema(examples = "{\"title\":\"Checkout and cart failing in eu-west\",\"summary\":\"Payment provider timeouts\",\"service\":\"checkout\"}")
    public record Correction(@Size(min = 1, max = Incident.MAX_TITLE_LENGTH) String title,
                             @Size(max = Incident.MAX_TEXT_LENGTH) String summary,
                             @Size(max = Incident.MAX_NAME_LENGTH) String service,
                             Instant occurredAt) {
    }

    /** @param into the surviving incident: its id or number ({@code INC-42}) */
    @Schema(examples = "{\"into\":\"INC-41\",\"reason\":\"Same database outage, declared twice\"}")
    public record Merging(@NotBlank @Size(max = 64) String into,
                          @NotBlank @Size(max = Incident.MAX_TEXT_LENGTH) String reason,
                          Instant occurredAt) {
    }

    @Schema(examples = "{\"severity\":\"SEV1\",\"reason\":\"All regions affected\"}")
    public record SeverityChange(@NotNull IncidentSeverity severity,
                                 @NotBlank @Size(max = Incident.MAX_TEXT_LENGTH) String reason,
                                 Instant occurredAt) {
    }

    @Schema(examples = "{\"role\":\"COMMUNICATIONS_LEAD\",\"person\":\"sam\"}")
    public record RoleAssignment(@NotNull IncidentRole role,
                                 @NotBlank @Size(max = Incident.MAX_NAME_LENGTH) String person,
                                 Instant occurredAt) {
    }

    /** @param person who joins; the caller when left out */
    @Schema(examples = "{\"person\":\"kim\"}")
    public record Responder(@Size(max = Incident.MAX_NAME_LENGTH) String person, Instant occurredAt) {
    }

    @Schema(examples = "{\"text\":\"Database connections saturated at 14:01\",\"occurredAt\":\"2026-03-10T14:01:00Z\"}")
    public record Note(@NotBlank @Size(max = Incident.MAX_TEXT_LENGTH) String text, Instant occurredAt) {
    }

    @Schema(examples = "{\"statement\":\"About 8% of checkouts failed in the EU for 35 minutes\"}")
    public record Impact(@NotBlank @Size(max = Incident.MAX_TEXT_LENGTH) String statement, Instant occurredAt) {
    }

    @Schema(examples = "{\"url\":\"https://chat.example.com/channels/inc-42\",\"title\":\"Incident channel\"}")
    public record Link(@NotBlank @Size(max = Incident.MAX_URL_LENGTH) String url,
                       @Size(max = Incident.MAX_TITLE_LENGTH) String title,
                       Instant occurredAt) {
    }
}
