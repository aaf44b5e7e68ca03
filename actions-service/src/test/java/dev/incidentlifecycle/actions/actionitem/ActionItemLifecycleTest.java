package dev.incidentlifecycle.actions.actionitem;

import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.ChangeDueDate;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.CloseAsWontDo;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.Complete;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.LinkTracker;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.MarkOverdue;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.Reassign;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.RemoveByAmendment;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.Reopen;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.Start;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.ClosedAsWontDo;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Completed;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.DueDateChanged;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Reassigned;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Reopened;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Started;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.TrackerLinked;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;

import static dev.incidentlifecycle.actions.actionitem.Fixtures.COMPLETED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.CREATED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.ITEM;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.LATER;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.MEMBER;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.REVIEW;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.SLA_DUE;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.STARTED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.WONT_DO;
import static dev.incidentlifecycle.actions.actionitem.Scenario.given;
import static org.assertj.core.api.Assertions.assertThat;

class ActionItemLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-03-10T14:00:00Z");
    private static final String NOTE = "Alert added at depth > 10k for 5 min";
    private static final String PR = "https://github.com/acme/payments/pull/812";

    @Nested
    class Starting {

        @Test
        void an_open_item_starts() {
            ActionItem item = given(CREATED)
                    .when(new Start(ITEM, MEMBER, NOW))
                    .then(new Started(ITEM, REVIEW, MEMBER, NOW));

            assertThat(item.status()).isEqualTo(ActionItemStatus.IN_PROGRESS);
        }

        @Test
        void an_item_in_progress_does_not_start_again() {
            given(CREATED, STARTED).when(new Start(ITEM, MEMBER, NOW)).thenRuleViolation("already in progress");
        }

        @Test
        void a_closed_item_must_be_reopened_before_starting() {
            given(CREATED, COMPLETED).when(new Start(ITEM, MEMBER, NOW)).thenRuleViolation("is DONE", "reopen it");
            given(CREATED, WONT_DO).when(new Start(ITEM, MEMBER, NOW)).thenRuleViolation("is WONT_DO", "reopen it");
        }

        @Test
        void an_item_that_does_not_exist_is_not_started() {
            given().when(new Start(ITEM, MEMBER, NOW)).thenRuleViolation(ITEM.toString(), "does not exist");
        }
    }

    @Nested
    class Completing {

        @Test
        void an_item_in_progress_completes_with_a_note_and_a_link() {
            ActionItem item = given(CREATED, STARTED)
                    .when(new Complete(ITEM, NOTE, PR, MEMBER, NOW))
                    .then(new Completed(ITEM, REVIEW, NOTE, PR, MEMBER, NOW));

            assertThat(item.status()).isEqualTo(ActionItemStatus.DONE);
            assertThat(item.completedAt()).isEqualTo(NOW);
            assertThat(item.closedAt()).isEqualTo(NOW);
            assertThat(item.resolutionNote()).isEqualTo(NOTE);
            assertThat(item.link()).isEqualTo(PR);
        }

        @Test
        void an_open_item_completes_without_being_started_and_without_a_link() {
            ActionItem item = given(CREATED)
                    .when(new Complete(ITEM, NOTE, null, MEMBER, NOW))
                    .then(new Completed(ITEM, REVIEW, NOTE, null, MEMBER, NOW));

            assertThat(item.status()).isEqualTo(ActionItemStatus.DONE);
            assertThat(item.link()).isNull();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  "})
        void a_resolution_note_is_required(String note) {
            given(CREATED, STARTED).when(new Complete(ITEM, note, PR, MEMBER, NOW)).thenInvalid("resolutionNote");
        }

        @Test
        void a_link_must_be_an_http_url() {
            given(CREATED, STARTED).when(new Complete(ITEM, NOTE, "pull/812", MEMBER, NOW)).thenInvalid("link");
        }

        @Test
        void a_closed_item_does_not_complete_again() {
            given(CREATED, COMPLETED).when(new Complete(ITEM, NOTE, null, MEMBER, NOW)).thenRuleViolation("is DONE");
            given(CREATED, WONT_DO).when(new Complete(ITEM, NOTE, null, MEMBER, NOW)).thenRuleViolation("is WONT_DO");
        }
    }

    @Nested
    class ClosingAsWontDo {

        private static final String WHY = "The queue is being replaced next month";

        @Test
        void an_item_in_progress_closes_as_wont_do_with_a_justification() {
            ActionItem item = given(CREATED, STARTED)
                    .when(new CloseAsWontDo(ITEM, WHY, MEMBER, NOW))
                    .then(new ClosedAsWontDo(ITEM, REVIEW, WHY, MEMBER, NOW));

            assertThat(item.status()).isEqualTo(ActionItemStatus.WONT_DO);
            assertThat(item.justification()).isEqualTo(WHY);
            assertThat(item.closedAt()).isEqualTo(NOW);
            assertThat(item.completedAt()).isNull();
        }

        @Test
        void an_open_item_closes_as_wont_do_without_being_started() {
            given(CREATED)
                    .when(new CloseAsWontDo(ITEM, WHY, MEMBER, NOW))
                    .then(new ClosedAsWontDo(ITEM, REVIEW, WHY, MEMBER, NOW));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" \t"})
        void a_justification_is_required(String justification) {
            given(CREATED).when(new CloseAsWontDo(ITEM, justification, MEMBER, NOW)).thenInvalid("justification");
        }

        @Test
        void a_closed_item_does_not_close_again() {
            given(CREATED, WONT_DO).when(new CloseAsWontDo(ITEM, WHY, MEMBER, NOW)).thenRuleViolation("is WONT_DO");
            given(CREATED, COMPLETED).when(new CloseAsWontDo(ITEM, WHY, MEMBER, NOW)).thenRuleViolation("is DONE");
        }
    }

    @Nested
    class Reopening {

        @Test
        void a_done_item_reopens_and_forgets_its_resolution() {
            ActionItem item = given(CREATED, STARTED, COMPLETED)
                    .when(new Reopen(ITEM, "Alert never fired in the game day", MEMBER, NOW))
                    .then(new Reopened(ITEM, REVIEW, "Alert never fired in the game day", MEMBER, NOW));

            assertThat(item.status()).isEqualTo(ActionItemStatus.OPEN);
            assertThat(item.completedAt()).isNull();
            assertThat(item.closedAt()).isNull();
            assertThat(item.resolutionNote()).isNull();
        }

        @Test
        void a_wont_do_item_reopens() {
            ActionItem item = given(CREATED, WONT_DO)
                    .when(new Reopen(ITEM, "The replacement was cancelled", MEMBER, NOW))
                    .then(new Reopened(ITEM, REVIEW, "The replacement was cancelled", MEMBER, NOW));

            assertThat(item.status()).isEqualTo(ActionItemStatus.OPEN);
            assertThat(item.justification()).isNull();
        }

        @Test
        void a_reason_is_required() {
            given(CREATED, COMPLETED).when(new Reopen(ITEM, "", MEMBER, NOW)).thenInvalid("reason");
        }

        @Test
        void only_closed_items_reopen() {
            given(CREATED).when(new Reopen(ITEM, "why", MEMBER, NOW)).thenRuleViolation("is OPEN", "only DONE or WONT_DO");
            given(CREATED, STARTED).when(new Reopen(ITEM, "why", MEMBER, NOW)).thenRuleViolation("is IN_PROGRESS");
        }
    }

    @Nested
    class Reassigning {

        @Test
        void to_another_team_and_person_with_a_reason() {
            ActionItem item = given(CREATED, STARTED)
                    .when(new Reassign(ITEM, "platform", "bo", "Platform owns the queue", MEMBER, NOW))
                    .then(new Reassigned(ITEM, REVIEW, "payments", "platform", "ana", "bo", "Platform owns the queue",
                            MEMBER, NOW));

            assertThat(item.ownerTeam()).isEqualTo("platform");
            assertThat(item.owner()).isEqualTo("bo");
            assertThat(item.status()).isEqualTo(ActionItemStatus.IN_PROGRESS);
        }

        @Test
        void to_another_person_of_the_same_team_without_a_reason() {
            given(CREATED)
                    .when(new Reassign(ITEM, "payments", "chidi", null, MEMBER, NOW))
                    .then(new Reassigned(ITEM, REVIEW, "payments", "payments", "ana", "chidi", null, MEMBER, NOW));
        }

        @Test
        void to_the_team_as_a_whole() {
            ActionItem item = given(CREATED)
                    .when(new Reassign(ITEM, "payments", " ", "ana is on leave", MEMBER, NOW))
                    .then(new Reassigned(ITEM, REVIEW, "payments", "payments", "ana", null, "ana is on leave", MEMBER,
                            NOW));

            assertThat(item.owner()).isNull();
        }

        @Test
        void to_the_current_owners_changes_nothing() {
            given(CREATED).when(new Reassign(ITEM, "payments", "ana", null, MEMBER, NOW)).thenNothing();
        }

        @Test
        void a_team_is_required() {
            given(CREATED).when(new Reassign(ITEM, null, "bo", null, MEMBER, NOW)).thenInvalid("toTeam");
        }

        @Test
        void a_closed_item_is_not_reassigned() {
            given(CREATED, COMPLETED).when(new Reassign(ITEM, "platform", null, null, MEMBER, NOW))
                    .thenRuleViolation("is DONE", "reopen it before reassigning it");
        }
    }

    @Nested
    class ChangingTheDueDate {

        private static final LocalDate NEW_DATE = LocalDate.parse("2026-04-15");

        @Test
        void moves_it_and_keeps_the_reason() {
            ActionItem item = given(CREATED)
                    .when(new ChangeDueDate(ITEM, NEW_DATE, "Waiting for the vendor's API", MEMBER, NOW))
                    .then(new DueDateChanged(ITEM, REVIEW, SLA_DUE, NEW_DATE, "Waiting for the vendor's API", MEMBER,
                            NOW));

            assertThat(item.dueDate()).isEqualTo(NEW_DATE);
            assertThat(item.dueDateFromSla()).isFalse();
        }

        @Test
        void to_the_same_date_changes_nothing() {
            given(CREATED).when(new ChangeDueDate(ITEM, SLA_DUE, "no change", MEMBER, NOW)).thenNothing();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   "})
        void a_reason_is_required(String reason) {
            given(CREATED).when(new ChangeDueDate(ITEM, NEW_DATE, reason, MEMBER, NOW)).thenInvalid("reason");
        }

        @Test
        void a_date_is_required() {
            given(CREATED).when(new ChangeDueDate(ITEM, null, "why", MEMBER, NOW)).thenInvalid("dueDate");
        }

        @Test
        void a_date_in_the_past_is_refused_but_yesterday_in_utc_is_someone_s_today() {
            given(CREATED).when(new ChangeDueDate(ITEM, LocalDate.parse("2026-03-08"), "why", MEMBER, NOW))
                    .thenInvalid("dueDate");
            given(CREATED).when(new ChangeDueDate(ITEM, LocalDate.parse("2026-03-09"), "why", MEMBER, NOW))
                    .then(new DueDateChanged(ITEM, REVIEW, SLA_DUE, LocalDate.parse("2026-03-09"), "why", MEMBER, NOW));
        }

        @Test
        void a_closed_item_keeps_its_date() {
            given(CREATED, WONT_DO).when(new ChangeDueDate(ITEM, NEW_DATE, "why", MEMBER, NOW))
                    .thenRuleViolation("is WONT_DO", "reopen it before changing its due date");
        }
    }

    @Nested
    class LinkingATracker {

        @ParameterizedTest
        @ValueSource(strings = {
                "https://acme.atlassian.net/browse/PAY-1234",
                "https://github.com/acme/payments/issues/77",
                "http://tracker.internal:8080/issues?id=5",
                "HTTPS://linear.app/acme/issue/PAY-9"})
        void to_any_http_tracker(String url) {
            ActionItem item = given(CREATED)
                    .when(new LinkTracker(ITEM, url, MEMBER, NOW))
                    .then(new TrackerLinked(ITEM, REVIEW, url, MEMBER, NOW));

            assertThat(item.trackerUrl()).isEqualTo(url);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {
                "acme.atlassian.net/browse/PAY-1234",
                "/browse/PAY-1234",
                "ftp://files.example.com/x",
                "mailto:payments@example.com",
                "javascript:alert(1)",
                "https://",
                "https:///path-only",
                "https://exa mple.com/x",
                "PAY-1234"})
        void only_absolute_http_urls(String url) {
            given(CREATED).when(new LinkTracker(ITEM, url, MEMBER, NOW)).thenInvalid("url");
        }

        @Test
        void a_done_item_can_still_be_linked() {
            given(CREATED, COMPLETED)
                    .when(new LinkTracker(ITEM, "https://acme.atlassian.net/browse/PAY-1", MEMBER, NOW))
                    .then(new TrackerLinked(ITEM, REVIEW, "https://acme.atlassian.net/browse/PAY-1", MEMBER, NOW));
        }

        @Test
        void a_new_url_replaces_the_old_one_and_the_same_url_changes_nothing() {
            TrackerLinked first = new TrackerLinked(ITEM, REVIEW, "https://acme.atlassian.net/browse/PAY-1", MEMBER, LATER);

            given(CREATED, first)
                    .when(new LinkTracker(ITEM, "https://acme.atlassian.net/browse/PAY-1", MEMBER, NOW))
                    .thenNothing();
            ActionItem item = given(CREATED, first)
                    .when(new LinkTracker(ITEM, "https://github.com/acme/payments/issues/9", MEMBER, NOW))
                    .then(new TrackerLinked(ITEM, REVIEW, "https://github.com/acme/payments/issues/9", MEMBER, NOW));
            assertThat(item.trackerUrl()).isEqualTo("https://github.com/acme/payments/issues/9");
        }
    }

    @Test
    void no_command_applies_to_an_item_that_does_not_exist() {
        given().when(new Complete(ITEM, NOTE, null, MEMBER, NOW)).thenRuleViolation("does not exist");
        given().when(new CloseAsWontDo(ITEM, "j", MEMBER, NOW)).thenRuleViolation("does not exist");
        given().when(new Reopen(ITEM, "r", MEMBER, NOW)).thenRuleViolation("does not exist");
        given().when(new Reassign(ITEM, "t", null, null, MEMBER, NOW)).thenRuleViolation("does not exist");
        given().when(new ChangeDueDate(ITEM, SLA_DUE, "r", MEMBER, NOW)).thenRuleViolation("does not exist");
        given().when(new LinkTracker(ITEM, PR, MEMBER, NOW)).thenRuleViolation("does not exist");
        given().when(new MarkOverdue(ITEM, SLA_DUE, "actions-service", NOW)).thenRuleViolation("does not exist");
        given().when(new RemoveByAmendment(ITEM, "fatima", NOW)).thenRuleViolation("does not exist");
    }
}
