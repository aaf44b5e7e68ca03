package dev.incidentlifecycle.reviews.schedule;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.incidentlifecycle.reviews.schedule.MeetingSlotFinderTest.CALENDAR;
import static dev.incidentlifecycle.reviews.schedule.MeetingSlotFinderTest.local;
import static dev.incidentlifecycle.reviews.schedule.MeetingSlotFinderTest.slot;
import static org.assertj.core.api.Assertions.assertThat;

class ReviewPlannerTest {

    private static final String SERVICE = "payments";

    private final FacilitatorRotation rotation = new FacilitatorRotation(List.of("ana", "ben", "chen"));
    private final ReviewPlanner planner = new ReviewPlanner(
            FacilitatorDirectory.withOrganisationCalendar(rotation.facilitators(), CALENDAR), new MeetingSlotFinder(CALENDAR));
    private final Instant friday = local("2026-03-06T19:30");
    private final Instant due = CALENDAR.dueAfter(friday, 3);

    @Test
    void plans_facilitator_slot_and_participants() {
        IncidentPeople incident = new IncidentPeople("ana", List.of("dev1", "dev2"));

        ReviewPlan plan = planner.plan(RotationState.start(), incident, SERVICE, List.of("pm"), friday, due, List.of())
                .orElseThrow();

        assertThat(plan.facilitator()).isEqualTo("ben");
        assertThat(plan.slot()).isEqualTo(slot("2026-03-09T09:00", "2026-03-09T10:00"));
        assertThat(plan.afterDue()).isFalse();
        assertThat(plan.participants()).containsExactly("ana", "dev1", "dev2", "pm");
        assertThat(plan.nextRotation().lastPicked()).isEqualTo("ben");
        assertThat(plan.nextRotation().picksOf("ben")).isEqualTo(1);
    }

    @Test
    void never_double_books_a_facilitator() {
        List<FacilitatorBooking> bookings = new ArrayList<>();
        RotationState state = RotationState.start();
        for (int i = 0; i < 30; i++) {
            ReviewPlan plan = planner.plan(state, new IncidentPeople("someone", List.of()), SERVICE, List.of(), friday, due,
                    bookings).orElseThrow();
            for (FacilitatorBooking booking : bookings) {
                if (booking.facilitator().equals(plan.facilitator())) {
                    assertThat(booking.slot().overlaps(plan.slot())).isFalse();
                }
            }
            bookings.add(new FacilitatorBooking(plan.facilitator(), UUID.randomUUID(), plan.slot()));
            state = plan.nextRotation();
        }

        assertThat(state.picks()).containsOnlyKeys("ana", "ben", "chen");
        assertThat(state.picks().values()).containsOnly(10);
    }

    @Test
    void passes_over_a_facilitator_fully_booked_before_due() {
        List<FacilitatorBooking> bookings = new ArrayList<>();
        for (String day : List.of("2026-03-09", "2026-03-10", "2026-03-11")) {
            bookings.add(new FacilitatorBooking("ana", UUID.randomUUID(), slot(day + "T09:00", day + "T17:00")));
        }

        ReviewPlan plan = planner.plan(RotationState.start(), new IncidentPeople("x", List.of()), SERVICE, List.of(), friday, due,
                bookings).orElseThrow();

        assertThat(plan.facilitator()).isEqualTo("ben");
        assertThat(plan.afterDue()).isFalse();
        // ana was skipped, so she comes before ben's second turn
        assertThat(rotation.candidates(plan.nextRotation(), new IncidentPeople(null, List.of())))
                .containsExactly("chen", "ana", "ben");
    }

    @Test
    void flags_a_late_slot_when_no_facilitator_is_free_before_due() {
        List<FacilitatorBooking> bookings = new ArrayList<>();
        for (String facilitator : List.of("ana", "ben", "chen")) {
            for (String day : List.of("2026-03-09", "2026-03-10", "2026-03-11")) {
                bookings.add(new FacilitatorBooking(facilitator, UUID.randomUUID(), slot(day + "T09:00", day + "T17:00")));
            }
        }
        bookings.add(new FacilitatorBooking("ana", UUID.randomUUID(), slot("2026-03-12T09:00", "2026-03-12T12:00")));

        ReviewPlan plan = planner.plan(RotationState.start(), new IncidentPeople("x", List.of()), SERVICE, List.of(), friday, due,
                bookings).orElseThrow();

        assertThat(plan.afterDue()).isTrue();
        assertThat(plan.facilitator()).isEqualTo("ben"); // ana's earliest late slot is later
        assertThat(plan.slot()).isEqualTo(slot("2026-03-12T09:00", "2026-03-12T10:00"));
    }

    @Test
    void has_no_plan_when_every_facilitator_was_in_the_incident() {
        IncidentPeople everyone = new IncidentPeople("ana", List.of("ben", "chen"));

        assertThat(planner.plan(RotationState.start(), everyone, SERVICE, List.of(), friday, due, List.of())).isEmpty();
    }

    @Test
    void rescheduling_ignores_the_reviews_own_booking() {
        UUID reviewId = UUID.randomUUID();
        List<FacilitatorBooking> bookings = List.of(
                new FacilitatorBooking("ana", reviewId, slot("2026-03-09T09:00", "2026-03-09T10:00")),
                new FacilitatorBooking("ana", UUID.randomUUID(), slot("2026-03-09T10:00", "2026-03-09T11:00")));

        SlotProposal proposal = planner.reschedule(reviewId, "ana", friday, due, bookings).orElseThrow();

        assertThat(proposal.slot()).isEqualTo(slot("2026-03-09T09:00", "2026-03-09T10:00"));
    }
}
