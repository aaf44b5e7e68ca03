package dev.incidentlifecycle.actions.actionitem;

import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.ApplyAmendment;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.Create;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.CreateAdHoc;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.RemoveByAmendment;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Created;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static dev.incidentlifecycle.actions.actionitem.Fixtures.FACILITATOR;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.INCIDENT;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.ITEM;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.LATER;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.MEMBER;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.ORIGIN;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.PUBLISHED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.REVIEW;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.REVIEWED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.SLA_DUE;
import static dev.incidentlifecycle.actions.actionitem.Scenario.DECIDER;
import static dev.incidentlifecycle.actions.actionitem.Scenario.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Items created by hand: the review's SLA and lifecycle, and no review outcome can touch them. */
class AdHocActionItemTest {

    static final Created AD_HOC = new Created(ITEM, REVIEW, INCIDENT, "INC-42", Severity.SEV1, "payments-api",
            "Alert on payment queue depth", ActionItemType.DETECT, "payments", "ana", Priority.P2, SLA_DUE, true,
            MEMBER, PUBLISHED, ActionItemOrigin.AD_HOC);

    @Test
    void a_responder_creates_an_item_due_by_the_sla_of_the_referenced_incident() {
        ActionItem item = given().when(new CreateAdHoc(ORIGIN, REVIEWED, MEMBER, PUBLISHED)).then(AD_HOC);
        assertThat(item.origin()).isEqualTo(ActionItemOrigin.AD_HOC);
        assertThat(item.status()).isEqualTo(ActionItemStatus.OPEN);
        assertThat(item.dueDate()).isEqualTo(SLA_DUE);
    }

    @Test
    void an_item_for_an_incident_without_a_review_names_no_review_and_takes_the_incidents_sla_and_lifecycle() {
        ReviewOrigin incidentAlone = ReviewOrigin.withoutReview(INCIDENT, "INC-42", Severity.SEV2, "payments-api");
        // SEV2, DETECT: 45 days from its creation.
        Created created = new Created(ITEM, null, INCIDENT, "INC-42", Severity.SEV2, "payments-api",
                "Alert on payment queue depth", ActionItemType.DETECT, "payments", "ana", Priority.P2,
                LocalDate.parse("2026-04-16"), true, MEMBER, PUBLISHED, ActionItemOrigin.AD_HOC);
        ActionItem item = given().when(new CreateAdHoc(incidentAlone, REVIEWED, MEMBER, PUBLISHED)).then(created);
        assertThat(item.reviewId()).isNull();

        given(created).when(new ActionItemCommand.Start(ITEM, MEMBER, LATER))
                .then(new ActionItemEvent.Started(ITEM, null, MEMBER, LATER));
        // Only an item created by hand may be for an incident alone: a review's outcome always names its review.
        given().when(new Create(incidentAlone, REVIEWED, FACILITATOR, PUBLISHED)).thenInvalid("reviewId");
        given().when(new ApplyAmendment(incidentAlone, REVIEWED, FACILITATOR, PUBLISHED)).thenInvalid("reviewId");
    }

    @Test
    void a_due_date_in_the_past_is_invalid_and_an_existing_id_is_refused() {
        ReviewedItem pastDue = new ReviewedItem(ITEM, REVIEWED.title(), REVIEWED.type(), REVIEWED.ownerTeam(), null,
                REVIEWED.priority(), LocalDate.parse("2026-02-01"));
        given().when(new CreateAdHoc(ORIGIN, pastDue, MEMBER, PUBLISHED)).thenInvalid("dueDate");
        given(AD_HOC).when(new CreateAdHoc(ORIGIN, REVIEWED, MEMBER, LATER)).thenRuleViolation("exists already");
    }

    @Test
    void it_follows_the_same_lifecycle() {
        given(AD_HOC).when(new ActionItemCommand.Start(ITEM, MEMBER, LATER))
                .then(new ActionItemEvent.Started(ITEM, REVIEW, MEMBER, LATER));
    }

    @Test
    void the_referenced_reviews_outcome_can_neither_create_amend_nor_remove_it() {
        ReviewedItem renamed = new ReviewedItem(ITEM, "Something else", ActionItemType.PREVENT, "search", null, Priority.P1, null);
        for (ActionItemCommand command : List.of(new Create(ORIGIN, renamed, FACILITATOR, LATER),
                new ApplyAmendment(ORIGIN, renamed, FACILITATOR, LATER), new RemoveByAmendment(ITEM, FACILITATOR, LATER))) {
            assertThatThrownBy(() -> DECIDER.decide(command, DECIDER.fold(List.of(AD_HOC))))
                    .isInstanceOf(ItemOfAnotherReview.class)
                    .hasMessageContaining("created by hand");
        }
    }

    @Test
    void events_recorded_before_origins_existed_are_items_of_reviews() {
        Created old = new Created(ITEM, REVIEW, INCIDENT, "INC-42", Severity.SEV1, "payments-api", "t",
                ActionItemType.DETECT, "payments", null, Priority.P2, SLA_DUE, true, FACILITATOR, PUBLISHED, null);
        assertThat(DECIDER.fold(List.of(old)).origin()).isEqualTo(ActionItemOrigin.REVIEW);
    }
}
