package dev.incidentlifecycle.actions.actionitem;

import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.MarkRecurred;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Recurred;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Reopened;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.incidentlifecycle.actions.actionitem.Fixtures.COMPLETED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.CREATED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.FACILITATOR;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.ITEM;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.MEMBER;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.REVIEW;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.STARTED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.WONT_DO;
import static dev.incidentlifecycle.actions.actionitem.Scenario.DECIDER;
import static dev.incidentlifecycle.actions.actionitem.Scenario.given;
import static org.assertj.core.api.Assertions.assertThat;

class ActionItemRecurrenceTest {

    private static final UUID LATER_REVIEW = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
    private static final UUID LATER_INCIDENT = UUID.fromString("00000000-0000-0000-0000-0000000000c2");
    private static final Instant FOUND_AT = Instant.parse("2026-05-10T10:00:00Z");
    private static final List<SharedFactor> SHARED = List.of(new SharedFactor("TECHNICAL", "connection-pool"));

    private static MarkRecurred recurredBy(UUID laterReview) {
        return new MarkRecurred(ITEM, laterReview, LATER_INCIDENT, "INC-57", SHARED, FACILITATOR, FOUND_AT);
    }

    private static Recurred recurred(UUID laterReview) {
        return new Recurred(ITEM, REVIEW, laterReview, LATER_INCIDENT, "INC-57", SHARED, FACILITATOR, FOUND_AT);
    }

    @Test
    void a_done_item_recurs_when_a_later_review_names_its_factor() {
        ActionItem item = given(CREATED, COMPLETED).when(recurredBy(LATER_REVIEW)).then(recurred(LATER_REVIEW));

        assertThat(item.recurredBy()).containsExactly(LATER_REVIEW);
        assertThat(item.status()).isEqualTo(ActionItemStatus.DONE);
    }

    @Test
    void the_same_later_review_marks_it_once() {
        given(CREATED, COMPLETED, recurred(LATER_REVIEW)).when(recurredBy(LATER_REVIEW)).thenNothing();
    }

    @Test
    void another_later_review_marks_it_again() {
        UUID third = UUID.randomUUID();
        ActionItem item = given(CREATED, COMPLETED, recurred(LATER_REVIEW)).when(recurredBy(third)).then(recurred(third));

        assertThat(item.recurredBy()).containsExactly(LATER_REVIEW, third);
    }

    @Test
    void an_item_not_done_or_not_held_is_not_marked() {
        given(CREATED).when(recurredBy(LATER_REVIEW)).thenNothing();
        given(CREATED, STARTED).when(recurredBy(LATER_REVIEW)).thenNothing();
        given(CREATED, WONT_DO).when(recurredBy(LATER_REVIEW)).thenNothing();
        given().when(recurredBy(LATER_REVIEW)).thenNothing();
    }

    @Test
    void its_own_review_does_not_recur_it() {
        given(CREATED, COMPLETED).when(recurredBy(REVIEW)).thenNothing();
    }

    @Test
    void a_reopening_keeps_the_recurrences() {
        Reopened reopened = new Reopened(ITEM, REVIEW, "It came back", MEMBER, FOUND_AT.plusSeconds(60));

        assertThat(DECIDER.fold(List.of(CREATED, COMPLETED, recurred(LATER_REVIEW), reopened)).recurredBy())
                .containsExactly(LATER_REVIEW);
    }

    @Test
    void at_most_twenty_recurrences_are_recorded() {
        List<ActionItemEvent> history = new ArrayList<>(List.of(CREATED, COMPLETED));
        for (int i = 0; i < ActionItemDecider.MAX_RECURRENCES; i++) {
            history.add(recurred(UUID.randomUUID()));
        }

        given(history.toArray(ActionItemEvent[]::new)).when(recurredBy(UUID.randomUUID())).thenNothing();
    }
}
