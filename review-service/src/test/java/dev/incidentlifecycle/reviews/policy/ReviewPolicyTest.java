package dev.incidentlifecycle.reviews.policy;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReviewPolicyTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final BusinessCalendar CALENDAR = BusinessCalendar.of(BERLIN, Set.of());
    private static final ReviewPolicy POLICY = ReviewPolicy.defaults();

    /** The resolution time comes from a clock the test controls, as an adapter's would. */
    private static Instant resolvedAt(String localDateTime) {
        Clock clock = Clock.fixed(LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant(), BERLIN);
        return clock.instant();
    }

    private static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void a_sev1_resolved_on_friday_evening_is_due_on_wednesday_at_close_of_business() {
        Instant friday = resolvedAt("2026-03-06T19:30"); // a Friday

        ReviewTerms terms = POLICY.termsFor(Severity.SEV1, friday, CALENDAR);

        assertThat(terms.requirement()).isEqualTo(ReviewRequirement.REQUIRED);
        assertThat(terms.dueAt()).isEqualTo(local("2026-03-11T17:00"));
        assertThat(terms.dueAt().atZone(BERLIN).getDayOfWeek()).isEqualTo(DayOfWeek.WEDNESDAY);
        assertThat(terms.resolvedAt()).isEqualTo(friday);
    }

    @Test
    void a_sev2_is_due_five_business_days_later() {
        ReviewTerms terms = POLICY.termsFor(Severity.SEV2, resolvedAt("2026-03-09T10:00"), CALENDAR); // Monday

        assertThat(terms.requirement()).isEqualTo(ReviewRequirement.REQUIRED);
        assertThat(terms.dueAt()).isEqualTo(local("2026-03-16T17:00")); // next Monday
    }

    @Test
    void the_count_starts_the_day_after_resolution_whatever_the_hour() {
        assertThat(POLICY.termsFor(Severity.SEV1, resolvedAt("2026-03-09T08:00"), CALENDAR).dueAt())
                .isEqualTo(local("2026-03-12T17:00")); // Monday early → Thursday
        assertThat(POLICY.termsFor(Severity.SEV1, resolvedAt("2026-03-07T11:00"), CALENDAR).dueAt())
                .isEqualTo(local("2026-03-11T17:00")); // Saturday → Wednesday
    }

    @Test
    void holidays_are_skipped() {
        BusinessCalendar withHolidays = BusinessCalendar.of(BERLIN,
                Set.of(LocalDate.parse("2026-03-09"), LocalDate.parse("2026-03-11")));

        ReviewTerms terms = POLICY.termsFor(Severity.SEV1, resolvedAt("2026-03-06T19:30"), withHolidays);

        // Mon 9 holiday, Tue 10 (1), Wed 11 holiday, Thu 12 (2), Fri 13 (3)
        assertThat(terms.dueAt()).isEqualTo(local("2026-03-13T17:00"));
    }

    @Test
    void a_sev3_review_is_suggested_and_may_be_declined() {
        ReviewTerms terms = POLICY.termsFor(Severity.SEV3, resolvedAt("2026-03-06T19:30"), CALENDAR);

        assertThat(terms.requirement()).isEqualTo(ReviewRequirement.SUGGESTED);
        assertThat(terms.requirement().declinable()).isTrue();
        assertThat(terms.dueAt()).isEqualTo(local("2026-03-20T17:00"));
        assertThat(ReviewRequirement.REQUIRED.declinable()).isFalse();
    }

    @Test
    void a_sev4_gets_no_review() {
        ReviewTerms terms = POLICY.termsFor(Severity.SEV4, resolvedAt("2026-03-06T19:30"), CALENDAR);

        assertThat(terms.reviewNeeded()).isFalse();
        assertThat(terms.requirement()).isEqualTo(ReviewRequirement.NONE);
        assertThat(terms.dueAt()).isNull();
    }

    @Test
    void the_policy_is_configurable_per_severity() {
        ReviewPolicy stricter = POLICY
                .with(Severity.SEV3, ReviewPolicy.SeverityPolicy.required(7))
                .with(Severity.SEV4, ReviewPolicy.SeverityPolicy.suggested(10));

        assertThat(stricter.forSeverity(Severity.SEV3).requirement()).isEqualTo(ReviewRequirement.REQUIRED);
        assertThat(stricter.termsFor(Severity.SEV4, resolvedAt("2026-03-06T19:30"), CALENDAR).requirement())
                .isEqualTo(ReviewRequirement.SUGGESTED);
        assertThat(stricter.forSeverity(Severity.SEV1)).isEqualTo(POLICY.forSeverity(Severity.SEV1));
    }

    @Test
    void the_defaults_are_the_documented_ones() {
        assertThat(POLICY.forSeverity(Severity.SEV1)).isEqualTo(ReviewPolicy.SeverityPolicy.required(3));
        assertThat(POLICY.forSeverity(Severity.SEV2)).isEqualTo(ReviewPolicy.SeverityPolicy.required(5));
        assertThat(POLICY.forSeverity(Severity.SEV3)).isEqualTo(ReviewPolicy.SeverityPolicy.suggested(10));
        assertThat(POLICY.forSeverity(Severity.SEV4)).isEqualTo(ReviewPolicy.SeverityPolicy.none());
    }

    @Test
    void a_policy_must_cover_every_severity() {
        assertThatThrownBy(() -> new ReviewPolicy(java.util.Map.of(Severity.SEV1, ReviewPolicy.SeverityPolicy.required(3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SEV2");
    }

    @Test
    void business_hours_are_nine_to_five_on_weekdays_in_the_zone() {
        assertThat(CALENDAR.isWithinBusinessHours(local("2026-03-09T09:00"))).isTrue();
        assertThat(CALENDAR.isWithinBusinessHours(local("2026-03-09T16:59"))).isTrue();
        assertThat(CALENDAR.isWithinBusinessHours(local("2026-03-09T17:00"))).isFalse();
        assertThat(CALENDAR.isWithinBusinessHours(local("2026-03-09T08:59"))).isFalse();
        assertThat(CALENDAR.isWithinBusinessHours(local("2026-03-07T12:00"))).isFalse(); // Saturday
        // 08:30 UTC is 09:30 in Berlin in winter
        assertThat(CALENDAR.isWithinBusinessHours(Instant.parse("2026-03-09T08:30:00Z"))).isTrue();
    }

    @Test
    void holidays_are_not_business_hours() {
        BusinessCalendar withHoliday = BusinessCalendar.of(BERLIN, Set.of(LocalDate.parse("2026-03-09")));

        assertThat(withHoliday.isWithinBusinessHours(local("2026-03-09T10:00"))).isFalse();
    }

    @Test
    void business_hours_are_configurable() {
        BusinessCalendar early = CALENDAR.withHours(LocalTime.of(7, 0), LocalTime.of(15, 0));

        assertThat(early.isWithinBusinessHours(local("2026-03-09T07:30"))).isTrue();
        assertThat(early.dueAfter(local("2026-03-06T19:30"), 3)).isEqualTo(local("2026-03-11T15:00"));
    }

    @Test
    void the_due_instant_follows_the_zone_across_a_daylight_saving_change() {
        // Berlin moves to summer time on Sunday 2026-03-29: 17:00 local is 15:00 UTC afterwards
        Instant due = POLICY.termsFor(Severity.SEV1, resolvedAt("2026-03-27T18:00"), CALENDAR).dueAt();

        assertThat(due).isEqualTo(Instant.parse("2026-04-01T15:00:00Z"));
        assertThat(ZonedDateTime.ofInstant(due, BERLIN).toLocalTime()).isEqualTo(LocalTime.of(17, 0));
    }

    @Test
    void adds_business_days_to_a_date() {
        LocalDate friday = LocalDate.parse("2026-03-06");

        assertThat(CALENDAR.addBusinessDays(friday, 0)).isEqualTo(friday);
        assertThat(CALENDAR.addBusinessDays(friday, 1)).isEqualTo(LocalDate.parse("2026-03-09"));
        assertThat(CALENDAR.addBusinessDays(friday, 3)).isEqualTo(LocalDate.parse("2026-03-11"));
    }
}
