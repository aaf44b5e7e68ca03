package dev.incidentlifecycle.actions.actionitem;

import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.ApplyAmendment;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.Create;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.incidentlifecycle.actions.actionitem.Fixtures.CREATED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.FACILITATOR;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.INCIDENT;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.ITEM;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.LATER;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.REVIEW;
import static dev.incidentlifecycle.actions.actionitem.Scenario.DECIDER;
import static dev.incidentlifecycle.actions.actionitem.Scenario.given;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An action item belongs to the review that created it: another review can neither create nor amend it. */
class ActionItemReviewBindingTest {

    static final UUID OTHER_REVIEW = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
    static final ReviewOrigin OTHER_ORIGIN = new ReviewOrigin(OTHER_REVIEW, INCIDENT, "INC-43", Severity.SEV2, "search");
    /** What the other review says of the item: its own team as the owner. */
    static final ReviewedItem TAKEN_OVER = new ReviewedItem(ITEM, "Alert on payment queue depth", ActionItemType.DETECT,
            "search", null, Priority.P2, null);

    @Test
    void another_reviews_amendment_naming_the_item_is_refused_as_invalid_with_both_reviews_named() {
        given(CREATED)
                .when(new ApplyAmendment(OTHER_ORIGIN, TAKEN_OVER, FACILITATOR, LATER))
                .thenInvalid("actionItemId");
        assertThatThrownBy(() -> DECIDER.decide(new ApplyAmendment(OTHER_ORIGIN, TAKEN_OVER, FACILITATOR, LATER),
                DECIDER.fold(java.util.List.of(CREATED))))
                .isInstanceOf(ItemOfAnotherReview.class)
                .hasMessageContaining("belongs to review " + REVIEW)
                .hasMessageContaining("review " + OTHER_REVIEW + " cannot");
    }

    @Test
    void another_reviews_publication_naming_the_item_is_refused_rather_than_ignored() {
        given(CREATED)
                .when(new Create(OTHER_ORIGIN, TAKEN_OVER, FACILITATOR, LATER))
                .thenInvalid("actionItemId");
    }

    @Test
    void the_items_own_review_still_creates_and_amends_it() {
        given(CREATED)
                .when(new Create(Fixtures.ORIGIN, Fixtures.REVIEWED, FACILITATOR, LATER))
                .thenNothing();
        given(CREATED)
                .when(new ApplyAmendment(Fixtures.ORIGIN, Fixtures.REVIEWED, FACILITATOR, LATER))
                .thenNothing();
    }
}
