package dev.incidentlifecycle.reviews.review.api;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.reviews.review.ReviewLimits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The bodies of the review commands. Enum values are accepted in any case ({@code technical}, {@code TECHNICAL}).
 * Text bounds are {@link ReviewLimits}' (the decider enforces them and the counts again, whoever sends the command).
 */
public final class ReviewRequests {

    static final int SECTION = ReviewLimits.SECTION_LENGTH;
    static final int REASON = ReviewLimits.REASON_LENGTH;
    static final int LINE = 500;
    static final int ITEM_LINE = ReviewLimits.ACTION_ITEM_LINE_LENGTH;

    private ReviewRequests() {
    }

    /**
     * Moves the meeting. Without {@code scheduledStart} the facilitator's next free slot before the due date is
     * taken; without {@code scheduledEnd} the meeting lasts the configured length.
     */
    @Schema(examples = "{\"scheduledStart\":\"2026-03-16T13:00:00Z\",\"scheduledEnd\":\"2026-03-16T14:00:00Z\",\"reason\":\"The commander is away until Monday\"}")
    public record Reschedule(Instant scheduledStart, Instant scheduledEnd, @NotBlank @Size(max = LINE) String reason) {
    }

    /**
     * A review asked for by hand. Without {@code facilitator} the rotation picks one (and with nobody free the review
     * waits, NEEDS_FACILITATOR); a facilitator named who has no free slot is refused (409).
     */
    @Schema(examples = "{\"incidentId\":\"6f1c2a9e-4b7d-4c1e-9a51-2f0d8e3b7c44\",\"facilitator\":\"fac.bo\"}")
    public record NewReview(@NotNull UUID incidentId, @Size(max = ReviewLimits.PARTICIPANT_LENGTH) String facilitator) {
    }

    /**
     * Assigns (or replaces) the facilitator. Without {@code facilitator} the rotation's fairest free one who takes no
     * part is picked; without {@code scheduledStart} their next free slot before the due date is taken.
     */
    @Schema(examples = "{\"facilitator\":\"fac.chen\",\"reason\":\"Chen is back from leave\"}")
    public record Facilitator(@Size(max = ReviewLimits.PARTICIPANT_LENGTH) String facilitator, Instant scheduledStart,
                              Instant scheduledEnd, @Size(max = REASON) String reason) {
    }

    /** Cancel, decline, amend, dismiss a finding: each needs a reason, kept in the history. */
    @Schema(examples = "{\"reason\":\"Duplicate of the review of INC-41\"}")
    public record Reason(@NotBlank @Size(max = REASON) String reason) {
    }

    @Schema(examples = "{\"participant\":\"kim\"}")
    public record Participant(@NotBlank @Size(max = ReviewLimits.PARTICIPANT_LENGTH) String participant) {
    }

    /** Sections to set; a section left out (null) stays as it is, an empty string clears it. */
    @Schema(examples = "{\"summary\":\"A release raised connection use until the pool was exhausted.\",\"whatWentWell\":\"The alert fired within a minute.\"}")
    public record Document(@Size(max = SECTION) String summary, @Size(max = SECTION) String impact,
                           @Size(max = SECTION) String whatWentWell, @Size(max = SECTION) String whereWeGotLucky,
                           @Size(max = SECTION) String openQuestions) {
    }

    /** The note on an incident timeline entry; an empty note removes it. */
    @Schema(examples = "{\"note\":\"The dashboard showed the pool at 100% from here on\"}")
    public record Note(@NotNull @Size(max = ReviewLimits.TIMELINE_NOTE_LENGTH) String note) {
    }

    /**
     * @param factorId optional: give one (a new UUID) to make a retried request harmless
     * @param category technical, process, organizational, communication, tooling or external
     * @param tags     optional free tags: at most 10, each at most 50 lower-case letters, digits, '.', '_' or '-'
     *                 (upper case is folded); with the category and the service, what recurrence matches on
     */
    @Schema(examples = "{\"category\":\"TECHNICAL\",\"description\":\"The connection pool size did not follow the new instance count\",\"tags\":[\"connection-pool\"]}")
    public record Factor(UUID factorId,
                         @Schema(enumeration = {"TECHNICAL", "PROCESS", "ORGANIZATIONAL", "COMMUNICATION", "TOOLING", "EXTERNAL"},
                                 description = "accepted in any case") @NotBlank String category,
                         @NotBlank @Size(max = ReviewLimits.FACTOR_DESCRIPTION_LENGTH) String description,
                         @Schema(maxItems = ReviewLimits.FACTOR_TAGS, description = "free tags, e.g. connection-pool")
                         @Size(max = ReviewLimits.FACTOR_TAGS) List<@Size(max = ReviewLimits.FACTOR_TAG_LENGTH) String> tags) {
    }

    /**
     * @param actionItemId optional on creation: give one (a new UUID) to make a retried request harmless
     * @param type         prevent, detect, mitigate, process or learn
     * @param priority     P1 to P4; P3 when left out
     * @param dueDate      optional: actions-service's SLA decides when left out
     */
    @Schema(examples = "{\"title\":\"Alert on connection-pool saturation\",\"type\":\"DETECT\",\"ownerTeam\":\"payments\",\"owner\":\"kim\",\"priority\":\"P2\",\"dueDate\":\"2026-04-15\"}")
    public record ActionItem(UUID actionItemId, @NotBlank @Size(max = ITEM_LINE) String title,
                             @Schema(enumeration = {"PREVENT", "DETECT", "MITIGATE", "PROCESS", "LEARN"},
                                     description = "accepted in any case") @NotBlank String type,
                             @NotBlank @Size(max = ITEM_LINE) String ownerTeam, @Size(max = ITEM_LINE) String owner,
                             @Schema(enumeration = {"P1", "P2", "P3", "P4"}, defaultValue = "P3",
                                     description = "accepted in any case") String priority,
                             LocalDate dueDate) {
    }

    /** Reads an enum value in any case; anything else is a 400 naming the field and the allowed values. */
    static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            String allowed = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
            throw new InvalidCommand(field, field + " must be one of " + allowed);
        }
    }
}
