package dev.incidentlifecycle.reviews.schedule;

import dev.incidentlifecycle.reviews.policy.BusinessCalendar;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeetingSlotFinderTest {

    static final ZoneId ZONE = ZoneId.of("America/New_York");
    static final BusinessCalendar CALENDAR = BusinessCalendar.of(ZONE, Set.of());
    private final MeetingSlotFinder finder = new MeetingSlotFinder(CALENDAR);

    static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
    }

    static MeetingSlot slot(String start, String end) {
        return new MeetingSlot(local(start), local(end));
    }

    @Test
    void takes_the_first_hour_of_the_next_business_day() {
        Instant friday = local("2026-03-06T19:30");

        SlotProposal proposal = finder.find(friday, CALENDAR.dueAfter(friday, 3), List.of()).orElseThrow();

        assertThat(proposal.slot()).isEqualTo(slot("2026-03-09T09:00", "2026-03-09T10:00"));
        assertThat(proposal.afterDue()).isFalse();
        assertThat(proposal.shortNotice()).isFalse();
        assertThat(proposal.slot().length()).isEqualTo(Duration.ofMinutes(60));
    }

    @Test
    void a_morning_resolution_still_waits_for_the_next_business_day() {
        Instant mondayMorning = local("2026-03-09T08:00");

        SlotProposal proposal = finder.find(mondayMorning, CALENDAR.dueAfter(mondayMorning, 3), List.of()).orElseThrow();

        assertThat(proposal.slot().start()).isEqualTo(local("2026-03-10T09:00"));
    }

    @Test
    void steps_around_the_facilitators_other_meetings() {
        Instant friday = local("2026-03-06T19:30");
        List<MeetingSlot> busy = List.of(slot("2026-03-09T09:00", "2026-03-09T10:00"),
                slot("2026-03-09T10:00", "2026-03-09T11:15"));

        SlotProposal proposal = finder.find(friday, CALENDAR.dueAfter(friday, 3), busy).orElseThrow();

        assertThat(proposal.slot()).isEqualTo(slot("2026-03-09T11:30", "2026-03-09T12:30"));
        assertThat(busy).noneMatch(proposal.slot()::overlaps);
    }

    @Test
    void stays_inside_business_hours() {
        Instant friday = local("2026-03-06T19:30");
        List<MeetingSlot> busy = List.of(slot("2026-03-09T09:00", "2026-03-09T16:30"));

        SlotProposal proposal = finder.find(friday, CALENDAR.dueAfter(friday, 3), busy).orElseThrow();

        // 16:30-17:30 would run past closing
        assertThat(proposal.slot()).isEqualTo(slot("2026-03-10T09:00", "2026-03-10T10:00"));
        assertThat(CALENDAR.isWithinBusinessHours(proposal.slot().start())).isTrue();
    }

    @Test
    void uses_the_day_of_resolution_when_nothing_later_fits_before_due() {
        Instant mondayMorning = local("2026-03-09T08:00");
        Instant due = CALENDAR.dueAfter(mondayMorning, 1); // Tuesday 17:00
        List<MeetingSlot> busy = List.of(slot("2026-03-10T09:00", "2026-03-10T17:00"));

        SlotProposal proposal = finder.find(mondayMorning, due, busy).orElseThrow();

        assertThat(proposal.slot()).isEqualTo(slot("2026-03-09T09:00", "2026-03-09T10:00"));
        assertThat(proposal.shortNotice()).isTrue();
        assertThat(proposal.afterDue()).isFalse();
    }

    @Test
    void offers_the_earliest_slot_after_due_and_flags_it_when_nothing_fits_before() {
        Instant friday = local("2026-03-06T19:30");
        Instant due = CALENDAR.dueAfter(friday, 3); // Wednesday 17:00
        List<MeetingSlot> busy = new ArrayList<>();
        for (String day : List.of("2026-03-09", "2026-03-10", "2026-03-11")) {
            busy.add(slot(day + "T09:00", day + "T17:00"));
        }
        busy.add(slot("2026-03-12T09:00", "2026-03-12T09:30"));

        SlotProposal proposal = finder.find(friday, due, busy).orElseThrow();

        assertThat(proposal.slot()).isEqualTo(slot("2026-03-12T09:30", "2026-03-12T10:30"));
        assertThat(proposal.afterDue()).isTrue();
    }

    @Test
    void skips_holidays() {
        BusinessCalendar withHoliday = BusinessCalendar.of(ZONE, Set.of(LocalDate.parse("2026-03-09")));
        Instant friday = local("2026-03-06T19:30");

        SlotProposal proposal = new MeetingSlotFinder(withHoliday)
                .find(friday, withHoliday.dueAfter(friday, 3), List.of()).orElseThrow();

        assertThat(proposal.slot().start()).isEqualTo(local("2026-03-10T09:00"));
    }

    @Test
    void meeting_length_and_grid_are_configurable() {
        MeetingSlotFinder longer = new MeetingSlotFinder(CALENDAR, Duration.ofMinutes(90), Duration.ofMinutes(15), 20);
        Instant friday = local("2026-03-06T19:30");
        List<MeetingSlot> busy = List.of(slot("2026-03-09T09:00", "2026-03-09T09:10"));

        SlotProposal proposal = longer.find(friday, CALENDAR.dueAfter(friday, 3), busy).orElseThrow();

        assertThat(proposal.slot()).isEqualTo(slot("2026-03-09T09:15", "2026-03-09T10:45"));
    }

    @Test
    void answers_empty_when_nothing_is_free_within_the_horizon() {
        MeetingSlotFinder shortSighted = new MeetingSlotFinder(CALENDAR, Duration.ofMinutes(60), Duration.ofMinutes(30), 2);
        Instant friday = local("2026-03-06T19:30");
        List<MeetingSlot> busy = List.of(slot("2026-03-06T00:00", "2026-03-20T00:00"));

        assertThat(shortSighted.find(friday, CALENDAR.dueAfter(friday, 3), busy)).isEmpty();
    }

    @Test
    void a_meeting_longer_than_a_business_day_is_refused() {
        assertThatThrownBy(() -> new MeetingSlotFinder(CALENDAR, Duration.ofHours(9), Duration.ofMinutes(30), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void back_to_back_meetings_do_not_overlap() {
        assertThat(slot("2026-03-09T09:00", "2026-03-09T10:00").overlaps(slot("2026-03-09T10:00", "2026-03-09T11:00")))
                .isFalse();
        assertThat(slot("2026-03-09T09:00", "2026-03-09T10:00").overlaps(slot("2026-03-09T09:59", "2026-03-09T11:00")))
                .isTrue();
    }
}
