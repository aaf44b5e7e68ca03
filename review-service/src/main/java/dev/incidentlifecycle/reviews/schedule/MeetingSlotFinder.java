package dev.incidentlifecycle.reviews.schedule;

import dev.incidentlifecycle.reviews.policy.BusinessCalendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds a review meeting slot for one facilitator, in their calendar (their zone, working days and hours, and
 * holidays: see {@link #in}). Candidate starts lie on a grid (every {@code step} from the opening of business
 * hours, in local time, so a DST change moves the grid with the facilitator's day), and a slot lies wholly inside
 * business hours of one business day and overlaps none of the facilitator's other meetings. The search, in order:
 * <ol>
 *   <li>from the opening of the first business day after the local date of resolution, ending by the
 *       due instant: people get at least a business day to prepare;</li>
 *   <li>if none fits, from the resolution instant itself, ending by the due instant
 *       ({@link SlotProposal#shortNotice()});</li>
 *   <li>if none fits, the earliest slot from the first business day after resolution, which then ends
 *       after the due instant ({@link SlotProposal#afterDue()}).</li>
 * </ol>
 * The search looks at most {@code horizonBusinessDays} business days ahead and answers empty beyond.
 */
public final class MeetingSlotFinder {

    public static final Duration DEFAULT_LENGTH = Duration.ofMinutes(60);
    public static final Duration DEFAULT_STEP = Duration.ofMinutes(30);
    public static final int DEFAULT_HORIZON_BUSINESS_DAYS = 60;

    private final BusinessCalendar calendar;
    private final Duration length;
    private final Duration step;
    private final int horizonBusinessDays;

    public MeetingSlotFinder(BusinessCalendar calendar) {
        this(calendar, DEFAULT_LENGTH, DEFAULT_STEP, DEFAULT_HORIZON_BUSINESS_DAYS);
    }

    public MeetingSlotFinder(BusinessCalendar calendar, Duration length, Duration step, int horizonBusinessDays) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.length = Objects.requireNonNull(length, "length");
        this.step = Objects.requireNonNull(step, "step");
        if (length.isNegative() || length.isZero() || step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("meeting length and step must be positive");
        }
        if (length.compareTo(Duration.between(calendar.opens(), calendar.closes())) > 0) {
            throw new IllegalArgumentException("a " + length + " meeting does not fit in business hours "
                    + calendar.opens() + "-" + calendar.closes());
        }
        if (horizonBusinessDays < 1) {
            throw new IllegalArgumentException("the search horizon is at least one business day");
        }
        this.horizonBusinessDays = horizonBusinessDays;
    }

    public Duration length() {
        return length;
    }

    /**
     * The same search (length, grid, horizon) in another calendar: a facilitator's own.
     *
     * @throws IllegalArgumentException when the meeting does not fit in that calendar's hours
     */
    public MeetingSlotFinder in(BusinessCalendar other) {
        return new MeetingSlotFinder(other, length, step, horizonBusinessDays);
    }

    /**
     * @param resolvedAt when the incident was resolved
     * @param dueAt      the review's due instant
     * @param busy       the facilitator's other meetings
     * @return empty only when nothing is free within the horizon
     */
    public Optional<SlotProposal> find(Instant resolvedAt, Instant dueAt, Collection<MeetingSlot> busy) {
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Instant afterADay = calendar.openingOf(calendar.nextBusinessDay(calendar.localDate(resolvedAt)));
        Optional<MeetingSlot> slot = earliestFree(afterADay, dueAt, busy);
        if (slot.isPresent()) {
            return Optional.of(new SlotProposal(slot.get(), false, false));
        }
        slot = earliestFree(resolvedAt, dueAt, busy);
        if (slot.isPresent()) {
            return Optional.of(new SlotProposal(slot.get(), false, true));
        }
        return earliestFree(afterADay, null, busy).map(late -> new SlotProposal(late, true, false));
    }

    /** The earliest free grid slot starting at or after {@code from} and ending by {@code until} (null: no bound). */
    Optional<MeetingSlot> earliestFree(Instant from, Instant until, Collection<MeetingSlot> busy) {
        LocalDate day = calendar.localDate(from);
        if (!calendar.isBusinessDay(day)) {
            day = calendar.nextBusinessDay(day);
        }
        for (int scanned = 0; scanned < horizonBusinessDays; scanned++, day = calendar.nextBusinessDay(day)) {
            Instant closing = calendar.closingOf(day);
            for (LocalTime time = calendar.opens(); !time.isBefore(calendar.opens()); time = time.plus(step)) {
                Instant start = ZonedDateTime.of(day, time, calendar.zone()).toInstant();
                MeetingSlot candidate = MeetingSlot.of(start, length);
                if (candidate.end().isAfter(closing)) {
                    break;
                }
                if (until != null && candidate.end().isAfter(until)) {
                    return Optional.empty();
                }
                if (start.isBefore(from)) {
                    continue;
                }
                if (busy.stream().noneMatch(candidate::overlaps)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
