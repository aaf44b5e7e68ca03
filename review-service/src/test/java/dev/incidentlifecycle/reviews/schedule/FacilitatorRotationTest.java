package dev.incidentlifecycle.reviews.schedule;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FacilitatorRotationTest {

    private final FacilitatorRotation rotation = new FacilitatorRotation(List.of("ana", "ben", "chen", "dara"));
    private static final IncidentPeople NOBODY = new IncidentPeople(null, List.of());

    @Test
    void goes_round_robin_when_nobody_is_excluded() {
        RotationState state = RotationState.start();
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            String next = rotation.candidates(state, NOBODY).get(0);
            order.append(next).append(' ');
            state = state.after(next);
        }

        assertThat(order.toString().strip()).isEqualTo("ana ben chen dara ana ben chen dara");
    }

    @Test
    void never_offers_the_commander_or_a_responder() {
        IncidentPeople incident = new IncidentPeople("Ben", List.of("dara "));

        assertThat(rotation.candidates(RotationState.start(), incident)).containsExactly("ana", "chen");
    }

    @Test
    void a_skipped_facilitator_gets_their_turn_before_anyone_gets_a_second() {
        RotationState state = RotationState.start();
        // ana commands the first incident: ben runs it
        String first = rotation.candidates(state, new IncidentPeople("ana", List.of())).get(0);
        state = state.after(first);
        StringBuilder next = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            String picked = rotation.candidates(state, NOBODY).get(0);
            next.append(picked).append(' ');
            state = state.after(picked);
        }

        assertThat(first).isEqualTo("ben");
        assertThat(next.toString().strip()).isEqualTo("chen dara ana");
    }

    @Test
    void is_fair_over_many_incidents_with_exclusions() {
        RotationState state = RotationState.start();
        List<IncidentPeople> incidents = List.of(
                new IncidentPeople("ana", List.of("ben")),
                new IncidentPeople("chen", List.of()),
                NOBODY,
                new IncidentPeople("dara", List.of("ana")),
                new IncidentPeople(null, List.of("ben", "chen")));
        for (int i = 0; i < 400; i++) {
            IncidentPeople incident = incidents.get(i % incidents.size());
            String picked = rotation.candidates(state, incident).get(0);
            assertThat(incident.includes(picked)).isFalse();
            state = state.after(picked);
            // skips never pile up against anyone: the spread stays bounded all along
            assertThat(spread(state.picks())).isLessThanOrEqualTo(2);
        }

        assertThat(state.picks().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(400);
    }

    private static int spread(Map<String, Integer> picks) {
        List<Integer> counts = List.of("ana", "ben", "chen", "dara").stream()
                .map(name -> picks.getOrDefault(name, 0)).toList();
        return counts.stream().mapToInt(Integer::intValue).max().orElseThrow()
                - counts.stream().mapToInt(Integer::intValue).min().orElseThrow();
    }

    @Test
    void offers_the_facilitators_of_the_services_teams_first_each_group_fairest_first() {
        RotationState anaPicked = RotationState.start().after("ana");

        assertThat(rotation.candidates(anaPicked, NOBODY, Set.of("dara", "Ana ")))
                .containsExactly("dara", "ana", "ben", "chen");
        assertThat(rotation.candidates(anaPicked, new IncidentPeople("dara", List.of()), Set.of("dara")))
                .containsExactly("ben", "chen", "ana");
        assertThat(rotation.candidates(anaPicked, NOBODY, Set.of()))
                .isEqualTo(rotation.candidates(anaPicked, NOBODY));
    }

    @Test
    void offers_nobody_when_everyone_was_in_the_incident() {
        IncidentPeople everyone = new IncidentPeople("ana", List.of("ben", "chen", "dara"));

        assertThat(rotation.candidates(RotationState.start(), everyone)).isEmpty();
    }

    @Test
    void a_facilitator_listed_twice_is_refused() {
        assertThatThrownBy(() -> new FacilitatorRotation(List.of("ana", "Ana")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void participants_are_commander_responders_and_those_added_by_hand_each_once() {
        IncidentPeople incident = new IncidentPeople("ana", List.of("ben", "chen", "Ana"));

        assertThat(incident.participantsWith(List.of("erin", "ben ", "fay"))).containsExactly("ana", "ben", "chen",
                "erin", "fay");
    }
}
