package dev.incidentlifecycle.actions.actionitem.api;

import dev.incidentlifecycle.actions.actionitem.ActionItemType;
import dev.incidentlifecycle.actions.actionitem.Priority;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.UUID;

/** The bodies of the action item commands. Lengths are bounded; the aggregate checks the rest. */
public final class ActionItemRequests {

    /** The longest title, owner team and owner of an item: review-service's bound for the items of a review. */
    public static final int LINE_LENGTH = 500;

    private ActionItemRequests() {
    }

    /**
     * A new action item outside any review outcome. It references a review, or an incident (then its latest open
     * review, or the incident alone when it has none): at least one of {@code reviewId} and {@code incidentId}; with
     * both, the review must be the incident's.
     *
     * @param dueDate absent: the SLA sets it from the referenced incident's severity, counted from today
     * @param owner   the person, or absent for the team as a whole
     */
    @Schema(name = "NewActionItem", examples = "{\"incidentId\":\"4b1c7f0e-2f5a-4c9e-9a51-1d2c3b4a5f60\","
            + "\"title\":\"Add a saturation alert on the payments connection pool\",\"type\":\"DETECT\","
            + "\"ownerTeam\":\"payments\",\"owner\":\"kim\",\"priority\":\"P2\"}")
    public record Create(
            @Schema(description = "The review the item is for") UUID reviewId,
            @Schema(description = "The incident the item is for; its latest open review is referenced when "
                    + "reviewId is absent, or the incident alone (no review) when it has none") UUID incidentId,
            @NotBlank @Size(max = LINE_LENGTH) String title,
            @NotNull ActionItemType type,
            @NotBlank @Size(max = LINE_LENGTH) String ownerTeam,
            @Size(max = LINE_LENGTH) String owner,
            @NotNull Priority priority,
            @Schema(description = "YYYY-MM-DD, not in the past; absent: the SLA decides") LocalDate dueDate) {
    }

    /** Done: what was changed, and optionally a link to the change (pull request, runbook, ...). */
    @Schema(examples = "{\"resolutionNote\":\"Added a connection-pool saturation alert\",\"link\":\"https://git.example.com/payments/pull/812\"}")
    public record Complete(@NotBlank @Size(max = 4000) String resolutionNote, @Size(max = 2048) String link) {
    }

    /** Won't do: why not. */
    @Schema(examples = "{\"justification\":\"The service is retired next month\"}")
    public record WontDo(@NotBlank @Size(max = 4000) String justification) {
    }

    /** Reopen a DONE or WONT_DO item: why. */
    @Schema(examples = "{\"reason\":\"The alert did not fire in the last game day\"}")
    public record Reopen(@NotBlank @Size(max = 4000) String reason) {
    }

    /**
     * Hand the item to another team and/or person.
     *
     * @param team  the new owning team; the current one when absent (only the person changes)
     * @param owner the new person, or absent for the team as a whole
     */
    @Schema(examples = "{\"team\":\"platform\",\"owner\":\"kim\",\"reason\":\"Platform owns the pool settings\"}")
    public record Reassign(@Size(max = 200) String team, @Size(max = 200) String owner, @Size(max = 4000) String reason) {
    }

    /** Move the due date; the reason is required and kept in the history. */
    @Schema(examples = "{\"dueDate\":\"2026-05-01\",\"reason\":\"Waiting for the database upgrade\"}")
    public record ChangeDueDate(@NotNull LocalDate dueDate, @NotBlank @Size(max = 4000) String reason) {
    }

    /** Link an external tracker (Jira, GitHub, ...): an absolute http(s) URL. */
    @Schema(examples = "{\"url\":\"https://jira.example.com/browse/PAY-1234\"}")
    public record LinkTracker(@NotBlank @Size(max = 2048) String url) {
    }
}
