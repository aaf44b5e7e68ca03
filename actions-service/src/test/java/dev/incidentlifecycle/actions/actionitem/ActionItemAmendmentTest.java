package dev.incidentlifecycle.actions.actionitem;

import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.ApplyAmendment;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.ChangeDueDate;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.Complete;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.LinkTracker;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.MarkOverdue;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.Reassign;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.RemoveByAmendment;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.Reopen;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.Start;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Amended;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Created;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.DueDateChanged;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Reassigned;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Removed;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.incidentlifecycle.actions.actionitem.ActionItemDecider.REMOVED_BY_AMENDMENT;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.COMPLETED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.CREATED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.FACILITATOR;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.INCIDENT;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.ITEM;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.LATER;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.MEMBER;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.ORIGIN;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.OTHER_ITEM;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.REVIEW;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.REVIEWED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.SLA_DUE;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.STARTED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.WONT_DO;
import static dev.incidentlifecycle.actions.actionitem.Scenario.given;
import static org.assertj.core.api.Assertions.assertThat;

class ActionItemAmendmentTest {

    private static final Instant AMENDED_AT = Instant.parse("2026-03-12T08:00:00Z");
    private static final String TITLE = REVIEWED.title();

    @Test
    void an_amendment_restating_the_item_changes_nothing() {
        given(CREATED).when(amend(REVIEWED)).thenNothing();
    }

    @Test
    void an_amendment_yields_exactly_the_changed_fields() {
        ReviewedItem now = new ReviewedItem(ITEM, "Alert on payment queue depth and age", ActionItemType.DETECT,
                "payments", "ana", Priority.P1, null);

        ActionItem item = given(CREATED, STARTED)
                .when(amend(now))
                .then(new Amended(ITEM, REVIEW, List.of(AmendedField.TITLE, AmendedField.PRIORITY),
                        "Alert on payment queue depth and age", ActionItemType.DETECT, "payments", "ana", Priority.P1,
                        SLA_DUE, true, now, FACILITATOR, AMENDED_AT));

        assertThat(item.title()).isEqualTo("Alert on payment queue depth and age");
        assertThat(item.priority()).isEqualTo(Priority.P1);
        assertThat(item.status()).isEqualTo(ActionItemStatus.IN_PROGRESS);
        assertThat(item.asReviewed()).isEqualTo(now);
    }

    @Test
    void a_due_date_given_by_the_amendment_replaces_the_sla_date() {
        LocalDate given = LocalDate.parse("2026-03-25");
        ReviewedItem now = new ReviewedItem(ITEM, TITLE, ActionItemType.DETECT, "payments", "ana", Priority.P2, given);

        ActionItem item = given(CREATED)
                .when(amend(now))
                .then(new Amended(ITEM, REVIEW, List.of(AmendedField.DUE_DATE), TITLE, ActionItemType.DETECT,
                        "payments", "ana", Priority.P2, given, false, now, FACILITATOR, AMENDED_AT));

        assertThat(item.dueDate()).isEqualTo(given);
        assertThat(item.dueDateFromSla()).isFalse();
    }

    @Test
    void a_due_date_withdrawn_by_the_amendment_falls_back_to_the_sla_from_creation() {
        LocalDate given = LocalDate.parse("2026-03-25");
        Created createdWithDate = new Created(ITEM, REVIEW, INCIDENT, "INC-42", Severity.SEV1, "payments-api", TITLE,
                ActionItemType.DETECT, "payments", "ana", Priority.P2, given, false, FACILITATOR, Fixtures.PUBLISHED,
                ActionItemOrigin.REVIEW);

        given(createdWithDate)
                .when(amend(REVIEWED))
                .then(new Amended(ITEM, REVIEW, List.of(AmendedField.DUE_DATE), TITLE, ActionItemType.DETECT,
                        "payments", "ana", Priority.P2, SLA_DUE, true, REVIEWED, FACILITATOR, AMENDED_AT));
    }

    @Test
    void a_type_change_moves_a_due_date_that_only_the_sla_set() {
        // SEV1: DETECT gets 30 days, PROCESS 60, both from the publication on 2 March.
        ReviewedItem now = new ReviewedItem(ITEM, TITLE, ActionItemType.PROCESS, "payments", "ana", Priority.P2, null);

        given(CREATED)
                .when(amend(now))
                .then(new Amended(ITEM, REVIEW, List.of(AmendedField.TYPE, AmendedField.DUE_DATE), TITLE,
                        ActionItemType.PROCESS, "payments", "ana", Priority.P2, LocalDate.parse("2026-05-01"), true,
                        now, FACILITATOR, AMENDED_AT));
    }

    @Test
    void a_type_change_keeps_a_due_date_the_team_chose() {
        LocalDate chosen = LocalDate.parse("2026-04-20");
        DueDateChanged teamChange = new DueDateChanged(ITEM, REVIEW, SLA_DUE, chosen, "vendor fix", MEMBER, LATER);
        ReviewedItem now = new ReviewedItem(ITEM, TITLE, ActionItemType.PROCESS, "payments", "ana", Priority.P2, null);

        ActionItem item = given(CREATED, teamChange)
                .when(amend(now))
                .then(new Amended(ITEM, REVIEW, List.of(AmendedField.TYPE), TITLE, ActionItemType.PROCESS, "payments",
                        "ana", Priority.P2, chosen, false, now, FACILITATOR, AMENDED_AT));

        assertThat(item.dueDate()).isEqualTo(chosen);
    }

    @Test
    void a_team_s_reassignment_survives_an_amendment_of_other_fields() {
        Reassigned handedOver = new Reassigned(ITEM, REVIEW, "payments", "platform", "ana", "bo", null, MEMBER, LATER);
        ReviewedItem now = new ReviewedItem(ITEM, "Alert on queue depth", ActionItemType.DETECT, "payments", "ana",
                Priority.P2, null);

        ActionItem item = given(CREATED, handedOver)
                .when(amend(now))
                .then(new Amended(ITEM, REVIEW, List.of(AmendedField.TITLE), "Alert on queue depth",
                        ActionItemType.DETECT, "platform", "bo", Priority.P2, SLA_DUE, true, now, FACILITATOR,
                        AMENDED_AT));

        assertThat(item.ownerTeam()).isEqualTo("platform");
        assertThat(item.owner()).isEqualTo("bo");
    }

    @Test
    void an_owner_the_review_changes_overrides_the_team_s_reassignment() {
        Reassigned handedOver = new Reassigned(ITEM, REVIEW, "payments", "platform", "ana", "bo", null, MEMBER, LATER);
        ReviewedItem now = new ReviewedItem(ITEM, TITLE, ActionItemType.DETECT, "sre", null, Priority.P2, null);

        ActionItem item = given(CREATED, handedOver)
                .when(amend(now))
                .then(new Amended(ITEM, REVIEW, List.of(AmendedField.OWNER_TEAM, AmendedField.OWNER), TITLE,
                        ActionItemType.DETECT, "sre", null, Priority.P2, SLA_DUE, true, now, FACILITATOR, AMENDED_AT));

        assertThat(item.ownerTeam()).isEqualTo("sre");
        assertThat(item.owner()).isNull();
    }

    @Test
    void a_closed_item_takes_the_amendment_and_stays_closed() {
        ReviewedItem now = new ReviewedItem(ITEM, "Reworded", ActionItemType.DETECT, "payments", "ana", Priority.P2, null);

        ActionItem item = given(CREATED, COMPLETED)
                .when(amend(now))
                .then(new Amended(ITEM, REVIEW, List.of(AmendedField.TITLE), "Reworded", ActionItemType.DETECT,
                        "payments", "ana", Priority.P2, SLA_DUE, true, now, FACILITATOR, AMENDED_AT));

        assertThat(item.status()).isEqualTo(ActionItemStatus.DONE);
    }

    @Test
    void an_item_the_amendment_adds_is_created_with_the_sla_counted_from_the_amendment() {
        ReviewedItem added = new ReviewedItem(OTHER_ITEM, "Load test the queue", ActionItemType.PREVENT, "payments",
                null, Priority.P2, null);

        given()
                .when(new ApplyAmendment(ORIGIN, added, FACILITATOR, AMENDED_AT))
                .then(new Created(OTHER_ITEM, REVIEW, INCIDENT, "INC-42", Severity.SEV1, "payments-api",
                        "Load test the queue", ActionItemType.PREVENT, "payments", null, Priority.P2,
                        LocalDate.parse("2026-04-11"), true, FACILITATOR, AMENDED_AT, ActionItemOrigin.REVIEW));
    }

    @Test
    void an_open_item_removed_by_amendment_becomes_wont_do_and_is_marked_removed() {
        ActionItem item = given(CREATED, STARTED)
                .when(new RemoveByAmendment(ITEM, FACILITATOR, AMENDED_AT))
                .then(new Removed(ITEM, REVIEW, ActionItemStatus.WONT_DO, REMOVED_BY_AMENDMENT, FACILITATOR,
                        AMENDED_AT));

        assertThat(item.removed()).isTrue();
        assertThat(item.status()).isEqualTo(ActionItemStatus.WONT_DO);
        assertThat(item.status().isClosed()).isTrue();
        assertThat(item.justification()).isEqualTo("removed from review by amendment");
        assertThat(item.closedAt()).isEqualTo(AMENDED_AT);
    }

    @Test
    void a_done_item_removed_by_amendment_stays_done() {
        ActionItem item = given(CREATED, COMPLETED)
                .when(new RemoveByAmendment(ITEM, FACILITATOR, AMENDED_AT))
                .then(new Removed(ITEM, REVIEW, ActionItemStatus.DONE, REMOVED_BY_AMENDMENT, FACILITATOR, AMENDED_AT));

        assertThat(item.removed()).isTrue();
        assertThat(item.status()).isEqualTo(ActionItemStatus.DONE);
        assertThat(item.resolutionNote()).isEqualTo(COMPLETED.resolutionNote());
        assertThat(item.completedAt()).isEqualTo(COMPLETED.occurredAt());
    }

    @Test
    void a_wont_do_item_removed_by_amendment_keeps_its_own_justification() {
        ActionItem item = given(CREATED, WONT_DO)
                .when(new RemoveByAmendment(ITEM, FACILITATOR, AMENDED_AT))
                .then(new Removed(ITEM, REVIEW, ActionItemStatus.WONT_DO, REMOVED_BY_AMENDMENT, FACILITATOR,
                        AMENDED_AT));

        assertThat(item.justification()).isEqualTo(WONT_DO.justification());
    }

    @Test
    void a_removed_item_is_history_only() {
        Removed removed = new Removed(ITEM, REVIEW, ActionItemStatus.WONT_DO, REMOVED_BY_AMENDMENT, FACILITATOR,
                AMENDED_AT);
        Instant now = AMENDED_AT.plusSeconds(60);

        given(CREATED, removed).when(new RemoveByAmendment(ITEM, FACILITATOR, now)).thenNothing();
        given(CREATED, removed).when(amend(REVIEWED)).thenNothing();
        given(CREATED, removed).when(amend(new ReviewedItem(ITEM, "Back again", ActionItemType.DETECT, "payments",
                null, Priority.P1, null))).thenNothing();
        given(CREATED, removed).when(new ActionItemCommand.Create(ORIGIN, REVIEWED, FACILITATOR, now)).thenNothing();
        given(CREATED, removed).when(new MarkOverdue(ITEM, LocalDate.parse("2026-06-01"), "actions-service", now))
                .thenNothing();

        List<ActionItemCommand> refused = List.of(
                new Start(ITEM, MEMBER, now),
                new Complete(ITEM, "note", null, MEMBER, now),
                new ActionItemCommand.CloseAsWontDo(ITEM, "j", MEMBER, now),
                new Reopen(ITEM, "we still want it", MEMBER, now),
                new Reassign(ITEM, "platform", null, null, MEMBER, now),
                new ChangeDueDate(ITEM, LocalDate.parse("2026-05-01"), "r", MEMBER, now),
                new LinkTracker(ITEM, "https://acme.atlassian.net/browse/PAY-1", MEMBER, now));
        for (ActionItemCommand command : refused) {
            given(CREATED, removed).when(command).thenRuleViolation("removed from review by amendment");
        }
    }

    @Test
    void an_amended_outcome_amends_listed_items_and_removes_the_missing_ones() {
        UUID dropped = UUID.fromString("00000000-0000-0000-0000-0000000000a3");
        ReviewedItem added = new ReviewedItem(OTHER_ITEM, "Load test the queue", ActionItemType.PREVENT, "payments",
                null, Priority.P2, null);
        ReviewOutcome outcome = new ReviewOutcome(ORIGIN, List.of(REVIEWED, added));

        assertThat(outcome.whenAmended(Set.of(ITEM, dropped), FACILITATOR, AMENDED_AT)).containsExactly(
                new ApplyAmendment(ORIGIN, REVIEWED, FACILITATOR, AMENDED_AT),
                new ApplyAmendment(ORIGIN, added, FACILITATOR, AMENDED_AT),
                new RemoveByAmendment(dropped, FACILITATOR, AMENDED_AT));
    }

    private static ApplyAmendment amend(ReviewedItem item) {
        return new ApplyAmendment(ORIGIN, item, FACILITATOR, AMENDED_AT);
    }
}
