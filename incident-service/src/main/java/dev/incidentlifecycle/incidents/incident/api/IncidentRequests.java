package dev.incidentlifecycle.incidents.incident.api;

import dev.incidentlifecycle.incidents.incident.Incident;
import dev.incidentlifecycle.incidents.incident.IncidentRole;
import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

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
    public record Declaration(@NotBlank @Size(max = Incident.MAX_TITLE_LENGTH) String title,
                              @NotNull IncidentSeverity severity,
                              @Size(max = Incident.MAX_NAME_LENGTH) String service,
                              @Size(max = Incident.MAX_NAME_LENGTH) String commander,
                              Instant detectedAt,
                              Instant occurredAt) {
    }

    /** Acknowledge, mitigate: nothing but an optional time. The body itself may be left out. */
    public record Milestone(Instant occurredAt) {
    }

    public record Resolution(@Size(max = Incident.MAX_TEXT_LENGTH) String reason, Instant occurredAt) {
    }

    public record Reopening(@NotBlank @Size(max = Incident.MAX_TEXT_LENGTH) String reason, Instant occurredAt) {
    }

    public record SeverityChange(@NotNull IncidentSeverity severity,
                                 @NotBlank @Size(max = Incident.MAX_TEXT_LENGTH) String reason,
                                 Instant occurredAt) {
    }

    public record RoleAssignment(@NotNull IncidentRole role,
                                 @NotBlank @Size(max = Incident.MAX_NAME_LENGTH) String person,
                                 Instant occurredAt) {
    }

    /** @param person who joins; the caller when left out */
    public record Responder(@Size(max = Incident.MAX_NAME_LENGTH) String person, Instant occurredAt) {
    }

    public record Note(@NotBlank @Size(max = Incident.MAX_TEXT_LENGTH) String text, Instant occurredAt) {
    }

    public record Impact(@NotBlank @Size(max = Incident.MAX_TEXT_LENGTH) String statement, Instant occurredAt) {
    }

    public record Link(@NotBlank @Size(max = Incident.MAX_URL_LENGTH) String url,
                       @Size(max = Incident.MAX_TITLE_LENGTH) String title,
                       Instant occurredAt) {
    }
}
