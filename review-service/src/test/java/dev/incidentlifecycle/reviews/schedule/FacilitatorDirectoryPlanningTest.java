package dev.incidentlifecycle.reviews.schedule;

import dev.incidentlifecycle.reviews.policy.BusinessCalendar;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rotation with a facilitator directory: each facilitator is booked inside their own working hours, in their
 * own zone, never on their holidays or the organisation's; a service's teams go first; and nobody who was in the
 * incident facilitates, preferred or not.
 */
class FacilitatorDirectoryPlanningTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate ORGANISATION_HOLIDAY = LocalDate.parse("2026-03-10");
    /** The organisation's calendar: due dates are counted in it, and it is the calendar of anyone not in the directory. */
    private static final BusinessCalendar ORGANISATION = BusinessCalendar.of(ZoneOffset.UTC, Set.of());
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    private static final IncidentPeople NOBODY_OF_THE_ROTATION = new IncidentPeople("pat", List.of("rita"));

    private static Facilitator facilitator(String id, ZoneId zone, String from, String until, Set<DayOfWeek> days,
                                           Set<LocalDate> holidays, String... teams) {
        return new Facilitator(id, null, null,
                new BusinessCalendar(zone, holidays, LocalTime.parse(from), LocalTime.parse(until), days), Set.of(teams));
    }

    private static ReviewPlanner planner(Map<String, List<String>> teamsOfServices, Facilitator... facilitators) {
        return new ReviewPlanner(new FacilitatorDirectory(List.of(facilitators), teamsOfServices),
                new MeetingSlotFinder(ORGANISATION));
    }

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    private static ReviewPlan plan(ReviewPlanner planner, IncidentPeople incident, String service, Instant resolvedAt,
                                   List<FacilitatorBooking> bookings) {
        return planner.plan(RotationState.start(), incident, service, List.of(), resolvedAt,
                ORGANISATION.dueAfter(resolvedAt, 3), bookings).orElseThrow();
    }

    private final Facilitator ana = facilitator("ana", BERLIN, "09:00", "17:00", WEEKDAYS, Set.of(), "payments");
    private final Facilitator kai = facilitator("kai", NEW_YORK, "09:00", "17:00", WEEKDAYS, Set.of(), "search");

    @Test
    void a_facilitator_in_new_york_is_booked_at_nine_new_york_time_which_moves_an_hour_in_utc_when_their_clocks_change() {
        ReviewPlanner planner = planner(Map.of(), ana, kai);
        IncidentPeople anaCommanded = new IncidentPeople("ana", List.of());

        // New York moves to daylight saving time on Sunday 2026-03-08; Berlin only on 2026-03-29.
        ReviewPlan beforeTheChange = plan(planner, anaCommanded, "ledger", Instant.parse("2026-02-27T19:30:00Z"), List.of());
        ReviewPlan afterTheChange = plan(planner, anaCommanded, "ledger", Instant.parse("2026-03-06T19:30:00Z"), List.of());

        assertThat(beforeTheChange.facilitator()).isEqualTo("kai");
        assertThat(beforeTheChange.slot().start()).isEqualTo(Instant.parse("2026-03-02T14:00:00Z"));
        assertThat(afterTheChange.facilitator()).isEqualTo("kai");
        assertThat(afterTheChange.slot().start()).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
        assertThat(afterTheChange.slot().start()).isEqualTo(at("2026-03-09T09:00", NEW_YORK));
        assertThat(afterTheChange.afterDue()).isFalse();
    }

    @Test
    void in_the_autumn_a_berlin_facilitator_keeps_nine_oclock_local_across_the_change_back() {
        ReviewPlanner planner = planner(Map.of(), ana, kai);
        IncidentPeople kaiCommanded = new IncidentPeople("kai", List.of());

        // Berlin falls back on Sunday 2026-10-25: 09:00 is 07:00Z on Friday the 23rd and 08:00Z on Monday the 26th.
        List<FacilitatorBooking> fridayTaken = List.of(new FacilitatorBooking("ana", UUID.randomUUID(),
                new MeetingSlot(at("2026-10-23T09:00", BERLIN), at("2026-10-23T17:00", BERLIN))));
        ReviewPlan plan = plan(planner, kaiCommanded, "ledger", Instant.parse("2026-10-22T18:00:00Z"), fridayTaken);

        assertThat(plan.slot()).isEqualTo(new MeetingSlot(Instant.parse("2026-10-26T08:00:00Z"),
                Instant.parse("2026-10-26T09:00:00Z")));
    }

    @Test
    void no_meeting_falls_on_one_of_their_holidays() {
        // Their holidays are their own days off and the organisation's, joined by the configuration.
        ReviewPlanner ownHolidays = planner(Map.of(), facilitator("kai", NEW_YORK, "09:00", "17:00", WEEKDAYS,
                Set.of(LocalDate.parse("2026-03-09"), ORGANISATION_HOLIDAY)));
        Instant friday = Instant.parse("2026-03-06T19:30:00Z");

        ReviewPlan plan = plan(ownHolidays, NOBODY_OF_THE_ROTATION, "ledger", friday, List.of());

        // Monday is kai's own day off, Tuesday the organisation's: Wednesday at nine in New York.
        assertThat(plan.slot().start()).isEqualTo(at("2026-03-11T09:00", NEW_YORK));
    }

    @Test
    void a_meeting_lies_wholly_inside_working_hours_from_their_first_minute_to_their_last() {
        Facilitator mo = facilitator("mo", LONDON, "07:00", "15:00", WEEKDAYS, Set.of());
        ReviewPlanner planner = planner(Map.of(), mo);
        Instant friday = Instant.parse("2026-03-06T19:30:00Z");

        ReviewPlan free = plan(planner, NOBODY_OF_THE_ROTATION, "ledger", friday, List.of());
        ReviewPlan lastHour = plan(planner, NOBODY_OF_THE_ROTATION, "ledger", friday, List.of(
                busy("mo", "2026-03-09T07:00", "2026-03-09T14:00", LONDON)));
        ReviewPlan nextMorning = plan(planner, NOBODY_OF_THE_ROTATION, "ledger", friday, List.of(
                busy("mo", "2026-03-09T07:00", "2026-03-09T14:30", LONDON)));

        assertThat(free.slot().start()).isEqualTo(at("2026-03-09T07:00", LONDON));
        assertThat(lastHour.slot()).isEqualTo(new MeetingSlot(at("2026-03-09T14:00", LONDON), at("2026-03-09T15:00", LONDON)));
        // 14:30-15:30 would run past 15:00: the next working day's first slot.
        assertThat(nextMorning.slot().start()).isEqualTo(at("2026-03-10T07:00", LONDON));
    }

    @Test
    void a_day_they_do_not_work_is_passed_over() {
        Facilitator fourDays = facilitator("bo", NEW_YORK, "08:00", "16:00",
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), Set.of());
        ReviewPlanner planner = planner(Map.of(), fourDays);
        Instant wednesdayEvening = at("2026-03-11T18:00", NEW_YORK);
        List<FacilitatorBooking> thursdayTaken = List.of(busy("bo", "2026-03-12T08:00", "2026-03-12T16:00", NEW_YORK));

        ReviewPlan plan = planner.plan(RotationState.start(), NOBODY_OF_THE_ROTATION, "ledger", List.of(),
                wednesdayEvening, ORGANISATION.dueAfter(wednesdayEvening, 5), thursdayTaken).orElseThrow();

        assertThat(plan.slot().start()).isEqualTo(at("2026-03-16T08:00", NEW_YORK)); // Monday, not Friday
    }

    @Test
    void someone_named_who_is_not_in_the_directory_gets_the_organisations_calendar() {
        ReviewPlanner planner = planner(Map.of(), ana, kai);
        Instant friday = Instant.parse("2026-03-06T19:30:00Z");

        SlotProposal gus = planner.reschedule(null, "gus", friday, ORGANISATION.dueAfter(friday, 3), List.of()).orElseThrow();
        SlotProposal kaiByName = planner.reschedule(null, " KAI ", friday, ORGANISATION.dueAfter(friday, 3), List.of())
                .orElseThrow();

        assertThat(gus.slot().start()).isEqualTo(Instant.parse("2026-03-09T09:00:00Z"));
        assertThat(kaiByName.slot().start()).isEqualTo(at("2026-03-09T09:00", NEW_YORK));
    }

    @Test
    void the_review_of_a_service_goes_first_to_the_facilitators_of_its_teams_in_turn() {
        Facilitator chen = facilitator("chen", LONDON, "09:00", "17:00", WEEKDAYS, Set.of(), "Payments");
        ReviewPlanner planner = planner(Map.of("payments", List.of("payments")), ana, kai, chen);
        Instant friday = Instant.parse("2026-03-06T19:30:00Z");
        Instant due = ORGANISATION.dueAfter(friday, 3);
        List<FacilitatorBooking> bookings = new ArrayList<>();
        RotationState state = RotationState.start();
        List<String> picked = new ArrayList<>();
        for (String service : List.of("payments", "payments", "payments", "payments", "ledger", "ledger")) {
            ReviewPlan plan = planner.plan(state, NOBODY_OF_THE_ROTATION, service, List.of(), friday, due, bookings)
                    .orElseThrow();
            picked.add(plan.facilitator());
            bookings.add(new FacilitatorBooking(plan.facilitator(), UUID.randomUUID(), plan.slot()));
            state = plan.nextRotation();
        }

        // "ledger" maps to no team: plain round robin, where kai, passed over four times, has the fewest picks.
        assertThat(picked).containsExactly("ana", "chen", "ana", "chen", "kai", "kai");
    }

    @Test
    void a_preferred_facilitator_who_was_in_the_incident_is_never_picked() {
        ReviewPlanner planner = planner(Map.of("payments", List.of("payments")), ana, kai);
        Instant friday = Instant.parse("2026-03-06T19:30:00Z");

        ReviewPlan plan = plan(planner, new IncidentPeople("pat", List.of("Ana ")), "payments", friday, List.of());
        ReviewPlan commanded = plan(planner, new IncidentPeople("ana", List.of()), "payments", friday, List.of());

        assertThat(plan.facilitator()).isEqualTo("kai");
        assertThat(commanded.facilitator()).isEqualTo("kai");
        assertThat(planner.plan(RotationState.start(), new IncidentPeople("ana", List.of("kai")), "payments", List.of(),
                friday, ORGANISATION.dueAfter(friday, 3), List.of())).isEmpty();
    }

    @Test
    void a_preferred_facilitator_booked_until_after_the_due_date_gives_way_to_one_free_before_it() {
        ReviewPlanner planner = planner(Map.of("payments", List.of("payments")), ana, kai);
        Instant friday = Instant.parse("2026-03-06T19:30:00Z");
        List<FacilitatorBooking> anaAway = List.of(busy("ana", "2026-03-09T00:00", "2026-03-12T00:00", BERLIN));

        ReviewPlan plan = plan(planner, NOBODY_OF_THE_ROTATION, "payments", friday, anaAway);

        assertThat(plan.facilitator()).isEqualTo("kai");
        assertThat(plan.afterDue()).isFalse();
    }

    @Test
    void working_hours_too_short_for_a_meeting_are_refused_naming_the_facilitator() {
        Facilitator brief = facilitator("brief", BERLIN, "09:00", "09:30", WEEKDAYS, Set.of());

        assertThatThrownBy(() -> planner(Map.of(), ana, brief))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("brief");
    }

    @Test
    void a_meeting_is_never_proposed_outside_anyones_own_hours_over_many_reviews() {
        Facilitator bo = facilitator("bo", NEW_YORK, "08:00", "16:00", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.THURSDAY),
                Set.of(LocalDate.parse("2026-03-12")));
        Facilitator chen = facilitator("chen", ZoneId.of("Asia/Singapore"), "10:00", "18:00", WEEKDAYS,
                Set.of(ORGANISATION_HOLIDAY));
        List<Facilitator> everyone = List.of(ana, bo, chen);
        ReviewPlanner planner = new ReviewPlanner(new FacilitatorDirectory(everyone, Map.of()),
                new MeetingSlotFinder(ORGANISATION));
        List<FacilitatorBooking> bookings = new ArrayList<>();
        RotationState state = RotationState.start();
        Instant friday = Instant.parse("2026-03-06T19:30:00Z");
        for (int i = 0; i < 60; i++) {
            ReviewPlan plan = planner.plan(state, NOBODY_OF_THE_ROTATION, "ledger", List.of(), friday,
                    ORGANISATION.dueAfter(friday, 10), bookings).orElseThrow();
            BusinessCalendar hours = planner.directory().find(plan.facilitator()).orElseThrow().hours();
            assertThat(hours.isWithinBusinessHours(plan.slot().start())).isTrue();
            assertThat(hours.isWithinBusinessHours(plan.slot().end().minus(Duration.ofMinutes(1)))).isTrue();
            bookings.add(new FacilitatorBooking(plan.facilitator(), UUID.randomUUID(), plan.slot()));
            state = plan.nextRotation();
        }

        assertThat(state.picks()).containsOnlyKeys("ana", "bo", "chen");
    }

    private static FacilitatorBooking busy(String facilitator, String from, String until, ZoneId zone) {
        return new FacilitatorBooking(facilitator, UUID.randomUUID(), new MeetingSlot(at(from, zone), at(until, zone)));
    }
}
