package dev.incidentlifecycle.actions.actionitem;

import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.Create;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Created;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.incidentlifecycle.actions.actionitem.Fixtures.CREATED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.FACILITATOR;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.INCIDENT;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.ITEM;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.LATER;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.ORIGIN;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.OTHER_ITEM;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.PUBLISHED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.REVIEW;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.REVIEWED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.SLA_DUE;
import static dev.incidentlifecycle.actions.actionitem.Scenario.DECIDER;
import static dev.incidentlifecycle.actions.actionitem.Scenario.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActionItemCreationTest {

    @Test
    void an_item_without_a_due_date_gets_the_sla_date() {
        ActionItem item = given()
                .when(new Create(ORIGIN, REVIEWED, FACILITATOR, PUBLISHED))
                .then(CREATED);

        assertThat(item.id()).isEqualTo(ITEM);
        assertThat(item.reviewId()).isEqualTo(REVIEW);
        assertThat(item.incidentId()).isEqualTo(INCIDENT);
        assertThat(item.incidentNumber()).isEqualTo("INC-42");
        assertThat(item.severity()).isEqualTo(Severity.SEV1);
        assertThat(item.service()).isEqualTo("payments-api");
        assertThat(item.status()).isEqualTo(ActionItemStatus.OPEN);
        assertThat(item.dueDate()).isEqualTo(SLA_DUE);
        assertThat(item.dueDateFromSla()).isTrue();
        assertThat(item.createdAt()).isEqualTo(PUBLISHED);
        assertThat(item.removed()).isFalse();
        assertThat(item.overdueNotifiedFor()).isNull();
        assertThat(item.asReviewed()).isEqualTo(REVIEWED);
    }

    @Test
    void a_due_date_the_review_gives_wins_over_the_sla() {
        LocalDate given = LocalDate.parse("2026-03-20");
        ReviewedItem withDate = new ReviewedItem(ITEM, REVIEWED.title(), REVIEWED.type(), "payments", null,
                Priority.P1, given);

        ActionItem item = given()
                .when(new Create(ORIGIN, withDate, FACILITATOR, PUBLISHED))
                .then(new Created(ITEM, REVIEW, INCIDENT, "INC-42", Severity.SEV1, "payments-api",
                        REVIEWED.title(), ActionItemType.DETECT, "payments", null, Priority.P1, given, false,
                        FACILITATOR, PUBLISHED, ActionItemOrigin.REVIEW));

        assertThat(item.dueDateFromSla()).isFalse();
        assertThat(item.asReviewed().dueDate()).isEqualTo(given);
    }

    @Test
    void the_same_outcome_delivered_twice_creates_nothing_more() {
        given(CREATED)
                .when(new Create(ORIGIN, REVIEWED, FACILITATOR, PUBLISHED))
                .thenNothing();
    }

    @Test
    void an_older_outcome_arriving_after_changes_creates_nothing_and_changes_nothing() {
        ReviewedItem older = new ReviewedItem(ITEM, "Some earlier wording", ActionItemType.LEARN, "platform", null,
                Priority.P4, null);

        given(CREATED, Fixtures.STARTED)
                .when(new Create(ORIGIN, older, FACILITATOR, LATER))
                .thenNothing();
    }

    @Test
    void a_blank_owner_means_the_team_as_a_whole() {
        ReviewedItem teamOnly = new ReviewedItem(ITEM, REVIEWED.title(), REVIEWED.type(), "payments", "  ",
                Priority.P2, null);

        ActionItem item = given()
                .when(new Create(ORIGIN, teamOnly, FACILITATOR, PUBLISHED))
                .then(new Created(ITEM, REVIEW, INCIDENT, "INC-42", Severity.SEV1, "payments-api",
                        REVIEWED.title(), ActionItemType.DETECT, "payments", null, Priority.P2, SLA_DUE, true,
                        FACILITATOR, PUBLISHED, ActionItemOrigin.REVIEW));

        assertThat(item.owner()).isNull();
    }

    @Test
    void an_item_needs_a_title_type_owner_team_and_priority() {
        given().when(new Create(ORIGIN, withTitle(" "), FACILITATOR, PUBLISHED)).thenInvalid("title");
        given().when(new Create(ORIGIN, new ReviewedItem(ITEM, "t", null, "payments", null, Priority.P1, null),
                FACILITATOR, PUBLISHED)).thenInvalid("type");
        given().when(new Create(ORIGIN, new ReviewedItem(ITEM, "t", ActionItemType.LEARN, "", null, Priority.P1, null),
                FACILITATOR, PUBLISHED)).thenInvalid("ownerTeam");
        given().when(new Create(ORIGIN, new ReviewedItem(ITEM, "t", ActionItemType.LEARN, "payments", null, null, null),
                FACILITATOR, PUBLISHED)).thenInvalid("priority");
        given().when(new Create(ORIGIN, new ReviewedItem(null, "t", ActionItemType.LEARN, "payments", null,
                Priority.P1, null), FACILITATOR, PUBLISHED)).thenInvalid("actionItemId");
    }

    @Test
    void an_item_needs_its_review_incident_and_severity() {
        given().when(new Create(new ReviewOrigin(null, INCIDENT, "INC-42", Severity.SEV1, "s"), REVIEWED, FACILITATOR,
                PUBLISHED)).thenInvalid("reviewId");
        given().when(new Create(new ReviewOrigin(REVIEW, null, "INC-42", Severity.SEV1, "s"), REVIEWED, FACILITATOR,
                PUBLISHED)).thenInvalid("incidentId");
        given().when(new Create(new ReviewOrigin(REVIEW, INCIDENT, "INC-42", null, "s"), REVIEWED, FACILITATOR,
                PUBLISHED)).thenInvalid("severity");
        given().when(new Create(null, REVIEWED, FACILITATOR, PUBLISHED)).thenInvalid("origin");
    }

    @Test
    void every_command_needs_an_actor_and_a_time() {
        given().when(new Create(ORIGIN, REVIEWED, " ", PUBLISHED)).thenInvalid("by");
        given().when(new Create(ORIGIN, REVIEWED, FACILITATOR, null)).thenInvalid("at");
    }

    @Test
    void a_published_outcome_becomes_one_create_per_item_and_a_redelivery_duplicates_nothing() {
        ReviewedItem second = new ReviewedItem(OTHER_ITEM, "Runbook for queue saturation", ActionItemType.PROCESS,
                "payments", null, Priority.P3, null);
        ReviewOutcome outcome = new ReviewOutcome(ORIGIN, List.of(REVIEWED, second));

        List<ActionItemCommand> commands = outcome.whenPublished(FACILITATOR, PUBLISHED);
        assertThat(commands).containsExactly(
                new Create(ORIGIN, REVIEWED, FACILITATOR, PUBLISHED),
                new Create(ORIGIN, second, FACILITATOR, PUBLISHED));

        // Deliver the outcome twice to each item's stream: one Created per stream.
        for (ActionItemCommand command : commands) {
            List<ActionItemEvent> stream = new ArrayList<>();
            for (int delivery = 0; delivery < 2; delivery++) {
                stream.addAll(DECIDER.decide(command, DECIDER.fold(stream)));
            }
            assertThat(stream).singleElement().isInstanceOf(Created.class);
        }
        assertThat(ActionItem.streamId(OTHER_ITEM)).isEqualTo("action-item-" + OTHER_ITEM);
    }

    @Test
    void an_outcome_listing_the_same_item_twice_is_refused() {
        assertThatThrownBy(() -> new ReviewOutcome(ORIGIN, List.of(REVIEWED, REVIEWED)))
                .isInstanceOf(dev.incidentlifecycle.eventsourcing.InvalidCommand.class)
                .hasMessageContaining(ITEM.toString());
    }

    @Test
    void every_event_names_its_stable_type() {
        assertThat(CREATED.type()).isEqualTo("action-item.created");
        UUID id = ITEM;
        assertThat(List.of(
                new ActionItemEvent.Started(id, REVIEW, "a", LATER).type(),
                new ActionItemEvent.Completed(id, REVIEW, "n", null, "a", LATER).type(),
                new ActionItemEvent.ClosedAsWontDo(id, REVIEW, "j", "a", LATER).type(),
                new ActionItemEvent.Reopened(id, REVIEW, "r", "a", LATER).type(),
                new ActionItemEvent.Reassigned(id, REVIEW, "t", "u", null, null, null, "a", LATER).type(),
                new ActionItemEvent.DueDateChanged(id, REVIEW, SLA_DUE, SLA_DUE, "r", "a", LATER).type(),
                new ActionItemEvent.TrackerLinked(id, REVIEW, "https://x.example", "a", LATER).type(),
                new ActionItemEvent.Amended(id, REVIEW, List.of(AmendedField.TITLE), "t", ActionItemType.LEARN, "t",
                        null, Priority.P1, SLA_DUE, true, REVIEWED, "a", LATER).type(),
                new ActionItemEvent.Removed(id, REVIEW, ActionItemStatus.WONT_DO, "r", "a", LATER).type(),
                new ActionItemEvent.BecameOverdue(id, REVIEW, SLA_DUE, "t", null, "a", LATER).type()))
                .containsExactly("action-item.started", "action-item.completed", "action-item.wont-do",
                        "action-item.reopened", "action-item.reassigned", "action-item.due-date-changed",
                        "action-item.tracker-linked", "action-item.amended", "action-item.removed",
                        "action-item.overdue");
    }

    private static ReviewedItem withTitle(String title) {
        return new ReviewedItem(ITEM, title, REVIEWED.type(), REVIEWED.ownerTeam(), REVIEWED.owner(),
                REVIEWED.priority(), REVIEWED.dueDate());
    }
}
