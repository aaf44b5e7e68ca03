package dev.incidentlifecycle.reviews.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Business days and hours in one time zone: the days reviews are due on and meetings are held.
 * Defaults: Monday to Friday, 09:00 to 17:00, no holidays.
 *
 * <p>Counting rule ({@link #dueAfter}): the Nth business day <em>after</em> the local date of the
 * instant, whatever the time of day, and due at the end of business hours on that day. So a SEV1
 * (3 business days) resolved on Friday at 19:00 is due on Wednesday at 17:00; one resolved on Monday
 * at 08:00 is due on Thursday at 17:00; one resolved on Saturday is due on Wednesday at 17:00.
 *
 * @param zone         the zone business hours are kept in
 * @param holidays     local dates that are not business days
 * @param opens        start of business hours (inclusive)
 * @param closes       end of business hours (exclusive); after {@code opens}
 * @param workingDays  days of the week that are business days unless a holiday
 */
public record BusinessCalendar(ZoneId zone, Set<LocalDate> holidays, LocalTime opens, LocalTime closes,
                               Set<DayOfWeek> workingDays) {

    public static final LocalTime DEFAULT_OPENS = LocalTime.of(9, 0);
    public static final LocalTime DEFAULT_CLOSES = LocalTime.of(17, 0);

    /** Far enough to cross any holiday list; guards against a calendar with no business days at all. */
    private static final int MAX_DAYS_SCANNED = 3_660;

    public BusinessCalendar {
        Objects.requireNonNull(zone, "zone");
        holidays = Set.copyOf(Objects.requireNonNull(holidays, "holidays"));
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        if (!closes.isAfter(opens)) {
            throw new IllegalArgumentException("business hours must close after they open: " + opens + "-" + closes);
        }
        if (workingDays == null || workingDays.isEmpty()) {
            throw new IllegalArgumentException("a business calendar needs at least one working day");
        }
        workingDays = Set.copyOf(workingDays);
    }

    /** Monday to Friday, 09:00 to 17:00 in {@code zone}, with these holidays. */
    public static BusinessCalendar of(ZoneId zone, Set<LocalDate> holidays) {
        return new BusinessCalendar(zone, holidays, DEFAULT_OPENS, DEFAULT_CLOSES,
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
    }

    public BusinessCalendar withHours(LocalTime opens, LocalTime closes) {
        return new BusinessCalendar(zone, holidays, opens, closes, workingDays);
    }

    public boolean isBusinessDay(LocalDate date) {
        return workingDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /** The first business day strictly after {@code date}. */
    public LocalDate nextBusinessDay(LocalDate date) {
        LocalDate day = date;
        for (int i = 0; i < MAX_DAYS_SCANNED; i++) {
            day = day.plusDays(1);
            if (isBusinessDay(day)) {
                return day;
            }
        }
        throw new IllegalStateException("no business day within " + MAX_DAYS_SCANNED + " days after " + date);
    }

    /** The Nth business day strictly after {@code date}; {@code n = 0} gives {@code date} itself. */
    public LocalDate addBusinessDays(LocalDate date, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("business days to add must not be negative: " + n);
        }
        LocalDate day = date;
        for (int i = 0; i < n; i++) {
            day = nextBusinessDay(day);
        }
        return day;
    }

    /** End of business hours on the Nth business day after the local date of {@code from}. */
    public Instant dueAfter(Instant from, int businessDays) {
        if (businessDays < 1) {
            throw new IllegalArgumentException("a due date is at least 1 business day away: " + businessDays);
        }
        return closingOf(addBusinessDays(localDate(from), businessDays));
    }

    /** True on a business day, from opening (inclusive) to closing (exclusive), in the calendar's zone. */
    public boolean isWithinBusinessHours(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        return isBusinessDay(local.toLocalDate()) && !time.isBefore(opens) && time.isBefore(closes);
    }

    public LocalDate localDate(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /** The instant business hours open on {@code date} (a gap in the zone moves it forward, as java.time does). */
    public Instant openingOf(LocalDate date) {
        return ZonedDateTime.of(date, opens, zone).toInstant();
    }

    public Instant closingOf(LocalDate date) {
        return ZonedDateTime.of(date, closes, zone).toInstant();
    }
}
