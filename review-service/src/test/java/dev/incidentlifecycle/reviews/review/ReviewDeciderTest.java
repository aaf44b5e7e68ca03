package dev.incidentlifecycle.reviews.review;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventsourcing.RuleViolation;
import dev.incidentlifecycle.reviews.policy.ReviewRequirement;
import dev.incidentlifecycle.reviews.policy.ReviewTerms;
import dev.incidentlifecycle.reviews.policy.Severity;
import dev.incidentlifecycle.reviews.review.ReviewCommand.AddContributingFactor;
import dev.incidentlifecycle.reviews.review.ReviewCommand.AddParticipant;
import dev.incidentlifecycle.reviews.review.ReviewCommand.Amend;
import dev.incidentlifecycle.reviews.review.ReviewCommand.AnnotateTimeline;
import dev.incidentlifecycle.reviews.review.ReviewCommand.ApplySeverityChange;
import dev.incidentlifecycle.reviews.review.ReviewCommand.Cancel;
import dev.incidentlifecycle.reviews.review.ReviewCommand.ChangeActionItem;
import dev.incidentlifecycle.reviews.review.ReviewCommand.Decline;
import dev.incidentlifecycle.reviews.review.ReviewCommand.DismissFinding;
import dev.incidentlifecycle.reviews.review.ReviewCommand.MarkOverdue;
import dev.incidentlifecycle.reviews.review.ReviewCommand.ProposeActionItem;
import dev.incidentlifecycle.reviews.review.ReviewCommand.Publish;
import dev.incidentlifecycle.reviews.review.ReviewCommand.PutOnHold;
import dev.incidentlifecycle.reviews.review.ReviewCommand.RecordActionItemStatus;
import dev.incidentlifecycle.reviews.review.ReviewCommand.RemoveActionItem;
import dev.incidentlifecycle.reviews.review.ReviewCommand.RemoveContributingFactor;
import dev.incidentlifecycle.reviews.review.ReviewCommand.Reschedule;
import dev.incidentlifecycle.reviews.review.ReviewCommand.Schedule;
import dev.incidentlifecycle.reviews.review.ReviewCommand.Start;
import dev.incidentlifecycle.reviews.review.ReviewCommand.UpdateDocument;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.incidentlifecycle.reviews.review.ReviewScenario.DUE;
import static dev.incidentlifecycle.reviews.review.ReviewScenario.END;
import static dev.incidentlifecycle.reviews.review.ReviewScenario.FACILITATOR;
import static dev.incidentlifecycle.reviews.review.ReviewScenario.INCIDENT;
import static dev.incidentlifecycle.reviews.review.ReviewScenario.RESOLVED;
import static dev.incidentlifecycle.reviews.review.ReviewScenario.REVIEW;
import static dev.incidentlifecycle.reviews.review.ReviewScenario.SERVICE_ACTOR;
import static dev.incidentlifecycle.reviews.review.ReviewScenario.START;
import static dev.incidentlifecycle.reviews.review.ReviewScenario.at;
import static dev.incidentlifecycle.reviews.review.ReviewScenario.item;
import static dev.incidentlifecycle.reviews.review.ReviewScenario.proposed;
import static dev.incidentlifecycle.reviews.review.ReviewScenario.scheduled;
import static dev.incidentlifecycle.reviews.review.ReviewScenario.started;
import static dev.incidentlifecycle.reviews.review.ReviewScenario.summary;
import static org.assertj.core.api.Assertions.assertThat;

class ReviewDeciderTest {

    private final ReviewScenario review = new ReviewScenario();

    private static final UUID FACTOR = UUID.fromString("00000000-0000-0000-0000-00000000f001");

    @Nested
    class Scheduling {

        private Schedule schedule(UUID incidentId) {
            return new Schedule(REVIEW, incidentId, "INC-42", Severity.SEV1, "payments", "Checkout errors",
                    ReviewRequirement.REQUIRED, DUE, FACILITATOR, List.of("carl", "rita"), START, END, SERVICE_ACTOR,
                    RESOLVED);
        }

        @Test
        void schedules_a_review() {
            review.when(schedule(INCIDENT)).then(scheduled());

            ReviewState state = review.stateAfter();
            assertThat(state.status()).isEqualTo(ReviewStatus.SCHEDULED);
            assertThat(state.meeting().sequence()).isZero();
            assertThat(state.dueAt()).isEqualTo(DUE);
            assertThat(ReviewState.streamId(REVIEW)).isEqualTo("review-" + REVIEW);
        }

        @Test
        void the_same_incident_again_changes_nothing() {
            review.given(scheduled()).when(schedule(INCIDENT)).thenNothing();
        }

        @Test
        void the_same_review_id_for_another_incident_is_refused() {
            review.given(scheduled()).when(schedule(UUID.randomUUID())).thenRefused(RuleViolation.class, "already exists");
        }

        @Test
        void a_review_the_policy_does_not_ask_for_is_refused() {
            Schedule none = new Schedule(REVIEW, INCIDENT, "INC-42", Severity.SEV4, "payments", "t",
                    ReviewRequirement.NONE, DUE, FACILITATOR, List.of(), START, END, SERVICE_ACTOR, RESOLVED);

            review.when(none).thenRefused(InvalidCommand.class, "no review");
        }

        @Test
        void the_facilitator_cannot_be_a_participant() {
            Schedule own = new Schedule(REVIEW, INCIDENT, "INC-42", Severity.SEV1, "payments", "t",
                    ReviewRequirement.REQUIRED, DUE, "carl", List.of("Carl"), START, END, SERVICE_ACTOR, RESOLVED);

            review.when(own).thenRefused(InvalidCommand.class, "facilitator");
        }

        @Test
        void a_command_for_a_review_that_does_not_exist_is_refused() {
            review.when(new Start(REVIEW, FACILITATOR, at(0))).thenRefused(RuleViolation.class, "does not exist");
        }
    }

    @Nested
    class Transitions {

        @Test
        void start_moves_a_scheduled_review_into_review() {
            review.given(scheduled()).when(new Start(REVIEW, FACILITATOR, at(0))).then(started());
            assertThat(review.stateAfter().status()).isEqualTo(ReviewStatus.IN_REVIEW);
        }

        @Test
        void starting_again_changes_nothing() {
            review.given(scheduled(), started()).when(new Start(REVIEW, FACILITATOR, at(1))).thenNothing();
        }

        @Test
        void a_review_on_hold_cannot_start() {
            review.given(scheduled(), onHold()).when(new Start(REVIEW, FACILITATOR, at(0)))
                    .thenRefused(RuleViolation.class, "ON_HOLD");
        }

        @Test
        void reopening_the_incident_puts_the_review_on_hold() {
            review.given(scheduled()).when(new PutOnHold(REVIEW, "incident reopened", SERVICE_ACTOR, at(-60)))
                    .then(onHold());
            assertThat(review.stateAfter().status()).isEqualTo(ReviewStatus.ON_HOLD);
        }

        @Test
        void a_review_on_hold_stays_on_hold() {
            review.given(scheduled(), onHold()).when(new PutOnHold(REVIEW, "incident reopened", SERVICE_ACTOR, at(0)))
                    .thenNothing();
        }

        @Test
        void resolving_again_reschedules_with_a_raised_sequence_and_a_new_due_instant() {
            Instant newStart = START.plus(Duration.ofDays(2));
            Instant newDue = DUE.plus(Duration.ofDays(2));

            review.given(scheduled(), onHold())
                    .when(new Reschedule(REVIEW, newStart, newStart.plus(Duration.ofHours(1)), newDue,
                            "incident resolved again", SERVICE_ACTOR, at(30)))
                    .then(new ReviewEvent.Rescheduled(REVIEW, INCIDENT, newStart, newStart.plus(Duration.ofHours(1)),
                            newDue, "incident resolved again", 1, SERVICE_ACTOR, at(30)));

            ReviewState state = review.stateAfter();
            assertThat(state.status()).isEqualTo(ReviewStatus.SCHEDULED);
            assertThat(state.meeting().sequence()).isEqualTo(1);
            assertThat(state.meeting().start()).isEqualTo(newStart);
            assertThat(state.dueAt()).isEqualTo(newDue);
        }

        @Test
        void a_review_put_on_hold_while_in_review_returns_to_review() {
            review.given(scheduled(), started(), onHold())
                    .when(new Reschedule(REVIEW, START, END, null, "incident resolved again", SERVICE_ACTOR, at(30)));

            assertThat(review.produced()).hasSize(1);
            assertThat(review.stateAfter().status()).isEqualTo(ReviewStatus.IN_REVIEW);
        }

        @Test
        void every_reschedule_raises_the_sequence() {
            Instant later = START.plus(Duration.ofHours(2));
            review.given(scheduled(), rescheduled(START.plus(Duration.ofHours(1)), 1))
                    .when(new Reschedule(REVIEW, later, later.plus(Duration.ofHours(1)), null, "facilitator ill",
                            FACILITATOR, at(-100)))
                    .then(new ReviewEvent.Rescheduled(REVIEW, INCIDENT, later, later.plus(Duration.ofHours(1)), DUE,
                            "facilitator ill", 2, FACILITATOR, at(-100)));
        }

        @Test
        void rescheduling_to_the_same_slot_changes_nothing() {
            review.given(scheduled()).when(new Reschedule(REVIEW, START, END, null, "same", FACILITATOR, at(0)))
                    .thenNothing();
        }

        @Test
        void a_reschedule_needs_a_reason() {
            review.given(scheduled()).when(new Reschedule(REVIEW, START, END, null, " ", FACILITATOR, at(0)))
                    .thenRefused(InvalidCommand.class, "reason");
        }

        @Test
        void a_reschedule_ending_before_it_starts_is_refused() {
            review.given(scheduled()).when(new Reschedule(REVIEW, END, START, null, "r", FACILITATOR, at(0)))
                    .thenRefused(InvalidCommand.class, "end after");
        }

        @Test
        void cancels_a_scheduled_review_with_a_reason() {
            review.given(scheduled()).when(new Cancel(REVIEW, "duplicate of INC-41", FACILITATOR, at(0)))
                    .then(new ReviewEvent.Cancelled(REVIEW, INCIDENT, "duplicate of INC-41", FACILITATOR, at(0)));
            assertThat(review.stateAfter().status()).isEqualTo(ReviewStatus.CANCELLED);
        }

        @Test
        void cancels_a_review_on_hold_or_in_review() {
            review.given(scheduled(), onHold()).when(new Cancel(REVIEW, "r", FACILITATOR, at(0)));
            assertThat(review.produced()).hasSize(1);
            new ReviewScenario().given(scheduled(), started()).when(new Cancel(REVIEW, "r", FACILITATOR, at(0)))
                    .then(new ReviewEvent.Cancelled(REVIEW, INCIDENT, "r", FACILITATOR, at(0)));
        }

        @Test
        void cancelling_again_changes_nothing_and_a_cancelled_review_cannot_be_edited() {
            ReviewEvent cancelled = new ReviewEvent.Cancelled(REVIEW, INCIDENT, "r", FACILITATOR, at(0));
            review.given(scheduled(), cancelled).when(new Cancel(REVIEW, "r", FACILITATOR, at(1))).thenNothing();
            review.when(new UpdateDocument(REVIEW, Map.of(DocumentField.SUMMARY, "x"), FACILITATOR, at(2)))
                    .thenRefused(RuleViolation.class, "CANCELLED");
            review.when(new Start(REVIEW, FACILITATOR, at(2))).thenRefused(RuleViolation.class, "CANCELLED");
        }

        @Test
        void a_cancel_needs_a_reason() {
            review.given(scheduled()).when(new Cancel(REVIEW, null, FACILITATOR, at(0)))
                    .thenRefused(InvalidCommand.class, "reason");
        }

        @Test
        void a_suggested_review_can_be_declined_with_a_reason() {
            review.given(scheduled(ReviewRequirement.SUGGESTED))
                    .when(new Decline(REVIEW, "well understood, covered by INC-17's review", "carl", at(0)))
                    .then(new ReviewEvent.Declined(REVIEW, INCIDENT, "well understood, covered by INC-17's review",
                            "carl", at(0)));
            assertThat(review.stateAfter().status()).isEqualTo(ReviewStatus.DECLINED);
        }

        @Test
        void a_required_review_cannot_be_declined() {
            review.given(scheduled()).when(new Decline(REVIEW, "busy", "carl", at(0)))
                    .thenRefused(RuleViolation.class, "REQUIRED");
        }

        @Test
        void a_decline_needs_a_reason() {
            review.given(scheduled(ReviewRequirement.SUGGESTED)).when(new Decline(REVIEW, "", "carl", at(0)))
                    .thenRefused(InvalidCommand.class, "reason");
        }

        @Test
        void a_review_under_way_is_not_declined() {
            review.given(scheduled(ReviewRequirement.SUGGESTED), started())
                    .when(new Decline(REVIEW, "r", "carl", at(0)))
                    .thenRefused(RuleViolation.class, "IN_REVIEW");
        }
    }

    @Nested
    class Document {

        @Test
        void sets_sections_one_event_per_changed_section() {
            review.given(scheduled(), started(), summary("Checkout returned errors for 40 minutes."))
                    .when(new UpdateDocument(REVIEW, Map.of(
                            DocumentField.SUMMARY, "Checkout returned errors for 40 minutes.",
                            DocumentField.IMPACT, "12% of checkouts failed.",
                            DocumentField.WHERE_WE_GOT_LUCKY, "It happened outside peak hours."), "rita", at(5)))
                    .then(new ReviewEvent.DocumentUpdated(REVIEW, INCIDENT, DocumentField.IMPACT,
                                    "12% of checkouts failed.", "rita", at(5)),
                            new ReviewEvent.DocumentUpdated(REVIEW, INCIDENT, DocumentField.WHERE_WE_GOT_LUCKY,
                                    "It happened outside peak hours.", "rita", at(5)));
            assertThat(review.stateAfter().document().text(DocumentField.IMPACT)).isEqualTo("12% of checkouts failed.");
        }

        @Test
        void an_update_without_sections_is_refused() {
            review.given(scheduled()).when(new UpdateDocument(REVIEW, Map.of(), "rita", at(5)))
                    .thenRefused(InvalidCommand.class, "section");
        }

        @Test
        void annotates_timeline_entries() {
            review.given(scheduled(), started())
                    .when(new AnnotateTimeline(REVIEW, "evt-17", "The dashboard was green at this point.", "carl", at(3)))
                    .then(new ReviewEvent.TimelineAnnotated(REVIEW, INCIDENT, "evt-17",
                            "The dashboard was green at this point.", "carl", at(3)));
            assertThat(review.stateAfter().document().timelineNotes()).containsEntry("evt-17",
                    "The dashboard was green at this point.");
        }

        @Test
        void the_same_note_again_changes_nothing() {
            review.given(scheduled(), new ReviewEvent.TimelineAnnotated(REVIEW, INCIDENT, "evt-17", "n", "carl", at(3)))
                    .when(new AnnotateTimeline(REVIEW, "evt-17", "n", "rita", at(4))).thenNothing();
        }

        @Test
        void adds_and_removes_contributing_factors() {
            review.given(scheduled(), started())
                    .when(new AddContributingFactor(REVIEW, FACTOR, FactorCategory.TOOLING,
                            "The deploy tool does not show the target region.", List.of(), "rita", at(7)))
                    .then(factorAdded());
            review.given(factorAdded())
                    .when(new RemoveContributingFactor(REVIEW, FACTOR, "rita", at(8)))
                    .then(new ReviewEvent.ContributingFactorRemoved(REVIEW, INCIDENT, FACTOR, FactorCategory.TOOLING,
                            "The deploy tool does not show the target region.", "rita", at(8)));
            assertThat(review.stateAfter().document().contributingFactors()).isEmpty();
        }

        @Test
        void adding_the_same_factor_again_changes_nothing_but_another_with_its_id_is_refused() {
            review.given(scheduled(), factorAdded())
                    .when(new AddContributingFactor(REVIEW, FACTOR, FactorCategory.TOOLING,
                            "The deploy tool does not show the target region.", List.of(), "rita", at(9)))
                    .thenNothing();
            review.when(new AddContributingFactor(REVIEW, FACTOR, FactorCategory.PROCESS, "other", List.of(), "rita", at(9)))
                    .thenRefused(RuleViolation.class, "already exists");
        }

        @Test
        void removing_an_unknown_factor_is_refused() {
            review.given(scheduled()).when(new RemoveContributingFactor(REVIEW, FACTOR, "rita", at(8)))
                    .thenRefused(RuleViolation.class, "no contributing factor");
        }

        @Test
        void proposes_changes_and_removes_action_items() {
            ActionItem alert = item("01", "Alert on checkout error rate");
            ActionItem changed = new ActionItem(alert.actionItemId(), alert.title(), alert.type(), "checkout-team",
                    "rita", Priority.P1, null);

            review.given(scheduled(), started())
                    .when(new ProposeActionItem(REVIEW, alert, FACILITATOR, at(20)))
                    .then(proposed(alert));
            review.given(proposed(alert))
                    .when(new ChangeActionItem(REVIEW, changed, "rita", at(21)))
                    .then(new ReviewEvent.ActionItemChanged(REVIEW, INCIDENT, alert.actionItemId(), alert.title(),
                            alert.type(), "checkout-team", "rita", Priority.P1, null, "rita", at(21)));
            review.when(new RemoveActionItem(REVIEW, alert.actionItemId(), "covered by INC-17's item", "rita", at(22)))
                    .then(new ReviewEvent.ActionItemRemoved(REVIEW, INCIDENT, alert.actionItemId(), alert.title(),
                            "covered by INC-17's item", "rita", at(22)));
        }

        @Test
        void changing_an_item_to_what_it_is_changes_nothing_and_an_unknown_item_is_refused() {
            ActionItem alert = item("01", "Alert on checkout error rate");
            review.given(scheduled(), proposed(alert)).when(new ChangeActionItem(REVIEW, alert, "rita", at(21)))
                    .thenNothing();
            review.when(new ChangeActionItem(REVIEW, item("02", "x"), "rita", at(21)))
                    .thenRefused(RuleViolation.class, "no action item");
            review.when(new ProposeActionItem(REVIEW, new ActionItem(alert.actionItemId(), "other", alert.type(),
                    "t", null, Priority.P3, null), "rita", at(21))).thenRefused(RuleViolation.class, "already exists");
        }

        @Test
        void an_action_item_needs_a_title_and_an_owner_team() {
            review.given(scheduled()).when(new ProposeActionItem(REVIEW, new ActionItem(UUID.randomUUID(), " ",
                    ActionItemType.LEARN, "t", null, Priority.P4, null), "rita", at(1)))
                    .thenRefused(InvalidCommand.class, "title");
        }

        @Test
        void adds_participants_by_hand_once() {
            review.given(scheduled()).when(new AddParticipant(REVIEW, "dana", FACILITATOR, at(-5)))
                    .then(new ReviewEvent.ParticipantAdded(REVIEW, INCIDENT, "dana", FACILITATOR, at(-5)));
            assertThat(review.stateAfter().meeting().participants()).containsExactly("carl", "rita", "dana");
            review.when(new AddParticipant(REVIEW, "Carl", FACILITATOR, at(-5))).thenNothing();
            review.when(new AddParticipant(REVIEW, FACILITATOR, FACILITATOR, at(-5))).thenNothing();
        }
    }

    @Nested
    class LanguageFindings {

        private static final String BLAMING = "The outage was human error during the deploy.";

        @Test
        void publishing_is_refused_while_a_finding_is_open() {
            review.given(scheduled(), started(), summary(BLAMING))
                    .when(new Publish(REVIEW, FACILITATOR, at(60)))
                    .thenRefused(RuleViolation.class, "human error");
        }

        @Test
        void findings_cover_every_free_text_of_the_document_and_know_the_participants() {
            review.given(scheduled(), started(), summary("Checkout returned errors."),
                    new ReviewEvent.TimelineAnnotated(REVIEW, INCIDENT, "evt-3", "Rita should have paged earlier.",
                            "carl", at(2)),
                    factorAdded("Deploy was caused by Carl without a canary."),
                    proposed(item("01", "Stop the sloppy config pushes")));

            List<ReviewFinding> findings = review.decider().findings().of(review.state());

            assertThat(findings).extracting(f -> f.finding().field(), f -> f.finding().ruleId())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("timeline/evt-3", "should-have"),
                            org.assertj.core.groups.Tuple.tuple("contributingFactors/" + FACTOR + "/description",
                                    "person-as-cause"),
                            org.assertj.core.groups.Tuple.tuple("actionItems/" + item("01", "").actionItemId() + "/title",
                                    "sloppy"));
            assertThat(findings).allMatch(ReviewFinding::isOpen);
        }

        @Test
        void a_finding_dismissed_with_a_reason_no_longer_blocks_publication() {
            review.given(scheduled(), started(), summary(BLAMING));
            ReviewFinding finding = review.decider().findings().open(review.state()).get(0);

            review.when(new DismissFinding(REVIEW, finding.id(), "quoting the vendor's status page", FACILITATOR, at(50)))
                    .then(new ReviewEvent.FindingDismissed(REVIEW, INCIDENT, finding.id(), "summary", "human error",
                            "human-error", finding.finding().category(), "quoting the vendor's status page",
                            FACILITATOR, at(50)));
            review.given(review.produced().toArray(ReviewEvent[]::new));

            assertThat(review.decider().findings().open(review.state())).isEmpty();
            assertThat(review.decider().findings().of(review.state()).get(0).dismissalReason())
                    .isEqualTo("quoting the vendor's status page");
            review.when(new Publish(REVIEW, FACILITATOR, at(60)));
            assertThat(review.produced().get(0)).isInstanceOf(ReviewEvent.Published.class);
        }

        @Test
        void a_dismissal_needs_a_reason() {
            review.given(scheduled(), started(), summary(BLAMING));
            String id = review.decider().findings().open(review.state()).get(0).id();

            review.when(new DismissFinding(REVIEW, id, "  ", FACILITATOR, at(50)))
                    .thenRefused(InvalidCommand.class, "reason");
        }

        @Test
        void an_unknown_finding_cannot_be_dismissed() {
            review.given(scheduled(), started(), summary(BLAMING))
                    .when(new DismissFinding(REVIEW, "0123456789abcdef", "r", FACILITATOR, at(50)))
                    .thenRefused(RuleViolation.class, "no language finding");
        }

        @Test
        void dismissing_again_changes_nothing() {
            review.given(scheduled(), started(), summary(BLAMING));
            String id = review.decider().findings().open(review.state()).get(0).id();
            review.givenCommands(new DismissFinding(REVIEW, id, "quote", FACILITATOR, at(50)));

            review.when(new DismissFinding(REVIEW, id, "quote", FACILITATOR, at(51))).thenNothing();
        }

        @Test
        void a_dismissal_sticks_while_the_text_is_unchanged_and_lapses_when_it_moves() {
            review.given(scheduled(), started(), summary(BLAMING));
            String id = review.decider().findings().open(review.state()).get(0).id();
            review.givenCommands(
                    new DismissFinding(REVIEW, id, "quote", FACILITATOR, at(50)),
                    new UpdateDocument(REVIEW, Map.of(DocumentField.IMPACT, "Checkout errors for 40 minutes."),
                            "rita", at(51)));
            assertThat(review.decider().findings().open(review.state())).isEmpty();

            review.givenCommands(new UpdateDocument(REVIEW,
                    Map.of(DocumentField.SUMMARY, "In short: " + BLAMING), "rita", at(52)));

            assertThat(review.decider().findings().open(review.state())).hasSize(1);
            review.when(new Publish(REVIEW, FACILITATOR, at(60))).thenRefused(RuleViolation.class, "open");
        }

        @Test
        void rewording_closes_the_finding() {
            review.given(scheduled(), started(), summary(BLAMING), summary("A config change reached every region at once."))
                    .when(new Publish(REVIEW, FACILITATOR, at(60)));

            assertThat(review.produced().get(0)).isInstanceOf(ReviewEvent.Published.class);
        }
    }

    @Nested
    class Publication {

        @Test
        void publishes_the_outcome() {
            ActionItem alert = item("01", "Alert on checkout error rate");
            review.given(scheduled(), started(), summary("Checkout returned errors for 40 minutes."), factorAdded(),
                    proposed(alert), new ReviewEvent.ParticipantAdded(REVIEW, INCIDENT, "dana", FACILITATOR, at(1)));

            review.when(new Publish(REVIEW, FACILITATOR, at(60))).then(new ReviewEvent.Published(REVIEW, INCIDENT,
                    "INC-42", Severity.SEV1, "payments", "Checkout errors", "Checkout returned errors for 40 minutes.",
                    "", "", "", "", List.of(factor()), List.of(alert), FACILITATOR, List.of("carl", "rita", "dana"), DUE,
                    at(60), FACILITATOR));

            ReviewState state = review.stateAfter();
            assertThat(state.status()).isEqualTo(ReviewStatus.PUBLISHED);
            assertThat(state.outcome().publishedOnTime()).isTrue();
            assertThat(state.followUpCompleted()).isFalse();
        }

        @Test
        void a_review_without_action_items_completes_its_follow_up_on_publication() {
            review.given(scheduled(), started(), summary("Nothing to change; shared for learning."))
                    .when(new Publish(REVIEW, FACILITATOR, at(60)));

            assertThat(review.produced()).hasSize(2);
            assertThat(review.produced().get(1)).isEqualTo(new ReviewEvent.FollowUpCompleted(REVIEW, INCIDENT,
                    "INC-42", List.of(), at(60)));
        }

        @Test
        void publishing_a_review_that_names_earlier_reviews_conditions_tells_which_came_back() {
            ActionItem alert = item("01", "Alert on checkout error rate");
            Recurrence earlier = new Recurrence(new UUID(9, 1), new UUID(9, 2),
                    List.of(new Recurrence.FactorTag(FactorCategory.TOOLING, "deploy-tool")), List.of(new UUID(9, 3)));
            review.given(scheduled(), started(), summary("Checkout returned errors for 40 minutes."), factorAdded(),
                    proposed(alert));

            review.when(new Publish(REVIEW, FACILITATOR, at(60), "https://reviews.example/r", List.of(earlier)));

            assertThat(review.produced()).hasSize(2);
            assertThat(review.produced().get(0)).isInstanceOf(ReviewEvent.Published.class);
            assertThat(review.produced().get(1)).isEqualTo(new ReviewEvent.RecurrenceFound(REVIEW, INCIDENT, "INC-42",
                    "payments", List.of(earlier), FACILITATOR, at(60)));
            assertThat(review.stateAfter().status()).isEqualTo(ReviewStatus.PUBLISHED);
        }

        @Test
        void a_review_is_published_from_review_only() {
            review.given(scheduled(), summary("s")).when(new Publish(REVIEW, FACILITATOR, at(60)))
                    .thenRefused(RuleViolation.class, "SCHEDULED");
        }

        @Test
        void a_review_without_summary_is_not_published() {
            review.given(scheduled(), started()).when(new Publish(REVIEW, FACILITATOR, at(60)))
                    .thenRefused(RuleViolation.class, "summary");
        }

        @Test
        void publishing_twice_is_refused() {
            review.given(scheduled(), started(), summary("s"), published())
                    .when(new Publish(REVIEW, FACILITATOR, at(70)))
                    .thenRefused(RuleViolation.class, "amend");
        }

        @Test
        void a_published_review_is_neither_cancelled_nor_put_on_hold() {
            review.given(scheduled(), started(), summary("s"), published())
                    .when(new Cancel(REVIEW, "r", FACILITATOR, at(70))).thenRefused(RuleViolation.class, "PUBLISHED");
            review.when(new PutOnHold(REVIEW, "incident reopened", SERVICE_ACTOR, at(70))).thenNothing();
        }
    }

    @Nested
    class Amendments {

        @Test
        void edits_after_publication_are_published_as_an_amendment_with_what_changed_and_why() {
            ActionItem alert = item("01", "Alert on checkout error rate");
            ActionItem runbook = item("02", "Add the region check to the deploy runbook");
            review.given(scheduled(), started(), summary("s"), proposed(alert), published(alert));
            review.givenCommands(
                    new UpdateDocument(REVIEW, Map.of(DocumentField.SUMMARY, "s, amended"), "rita", at(100)),
                    new ProposeActionItem(REVIEW, runbook, "rita", at(101)),
                    new RemoveActionItem(REVIEW, alert.actionItemId(), "duplicate", "rita", at(102)));
            assertThat(review.state().unpublishedChanges()).isNotEmpty();
            assertThat(review.state().outcome().summary()).isEqualTo("s"); // nothing overwritten until amended

            review.when(new Amend(REVIEW, "found a duplicate item", "rita", at(110)))
                    .then(new ReviewEvent.Amended(REVIEW, INCIDENT, "INC-42", Severity.SEV1, "payments",
                            "Checkout errors", "s, amended", "", "", "", "", List.of(), List.of(runbook), FACILITATOR,
                            List.of("carl", "rita"), DUE, at(60), 1,
                            List.of(new OutcomeChange(OutcomeChange.Kind.DOCUMENT_CHANGED, "summary"),
                                    new OutcomeChange(OutcomeChange.Kind.ACTION_ITEM_ADDED,
                                            runbook.actionItemId().toString()),
                                    new OutcomeChange(OutcomeChange.Kind.ACTION_ITEM_REMOVED,
                                            alert.actionItemId().toString())),
                            "found a duplicate item", "rita", at(110)));

            ReviewState state = review.stateAfter();
            assertThat(state.outcome().summary()).isEqualTo("s, amended");
            assertThat(state.outcome().publishedAt()).isEqualTo(at(60));
            assertThat(state.amendments()).isEqualTo(1);
            assertThat(state.unpublishedChanges()).isEmpty();
        }

        @Test
        void amendments_are_numbered() {
            review.given(scheduled(), started(), summary("s"), published());
            review.givenCommands(new UpdateDocument(REVIEW, Map.of(DocumentField.IMPACT, "i1"), "rita", at(100)),
                    new Amend(REVIEW, "impact measured", "rita", at(101)),
                    new UpdateDocument(REVIEW, Map.of(DocumentField.IMPACT, "i2"), "rita", at(102)));

            review.when(new Amend(REVIEW, "impact corrected", "rita", at(103)));

            assertThat(((ReviewEvent.Amended) review.produced().get(0)).amendment()).isEqualTo(2);
        }

        @Test
        void an_amendment_without_changes_is_refused() {
            review.given(scheduled(), started(), summary("s"), published())
                    .when(new Amend(REVIEW, "r", "rita", at(100)))
                    .thenRefused(RuleViolation.class, "nothing");
        }

        @Test
        void an_amendment_needs_a_reason() {
            review.given(scheduled(), started(), summary("s"), published(), summary("t"))
                    .when(new Amend(REVIEW, null, "rita", at(100)))
                    .thenRefused(InvalidCommand.class, "reason");
        }

        @Test
        void an_amendment_is_refused_while_a_finding_is_open() {
            review.given(scheduled(), started(), summary("s"), published(), summary("s. Carelessness, mostly."))
                    .when(new Amend(REVIEW, "r", "rita", at(100)))
                    .thenRefused(RuleViolation.class, "Carelessness");
        }

        @Test
        void a_review_is_amended_only_once_published() {
            review.given(scheduled(), started(), summary("s")).when(new Amend(REVIEW, "r", "rita", at(100)))
                    .thenRefused(RuleViolation.class, "IN_REVIEW");
        }
    }

    @Nested
    class FollowUp {

        private final ActionItem alert = item("01", "Alert on checkout error rate");
        private final ActionItem runbook = item("02", "Add the region check to the deploy runbook");

        private RecordActionItemStatus status(ActionItem item, ActionItemStatus status, int minute) {
            return new RecordActionItemStatus(REVIEW, item.actionItemId(), status, "actions-service", at(minute));
        }

        @Test
        void completes_when_every_action_item_is_done_or_wont_do() {
            review.given(scheduled(), started(), summary("s"), proposed(alert), proposed(runbook),
                    published(alert, runbook));
            review.givenCommands(status(alert, ActionItemStatus.IN_PROGRESS, 200), status(alert, ActionItemStatus.DONE, 300));
            assertThat(review.state().followUpCompleted()).isFalse();

            review.when(status(runbook, ActionItemStatus.WONT_DO, 400)).then(
                    new ReviewEvent.ActionItemStatusRecorded(REVIEW, INCIDENT, runbook.actionItemId(),
                            ActionItemStatus.WONT_DO, "actions-service", at(400)),
                    new ReviewEvent.FollowUpCompleted(REVIEW, INCIDENT, "INC-42",
                            List.of(alert.actionItemId(), runbook.actionItemId()), at(400)));
            assertThat(review.stateAfter().followUpCompleted()).isTrue();
        }

        @Test
        void the_same_status_again_changes_nothing() {
            review.given(scheduled(), started(), summary("s"), proposed(alert), published(alert));
            review.givenCommands(status(alert, ActionItemStatus.DONE, 300));

            review.when(status(alert, ActionItemStatus.DONE, 301)).thenNothing();
        }

        @Test
        void a_status_for_an_unknown_item_changes_nothing() {
            review.given(scheduled(), started(), summary("s"), proposed(alert), published(alert))
                    .when(status(runbook, ActionItemStatus.DONE, 300)).thenNothing();
        }

        @Test
        void statuses_before_publication_are_kept_and_count_at_publication() {
            review.given(scheduled(), started(), summary("s"), proposed(alert));
            review.givenCommands(status(alert, ActionItemStatus.DONE, 30));

            review.when(new Publish(REVIEW, FACILITATOR, at(60)));

            assertThat(review.produced()).extracting(ReviewEvent::type)
                    .containsExactly("review.published", "review.follow-up-completed");
        }

        @Test
        void an_item_added_by_amendment_is_followed_up_again() {
            review.given(scheduled(), started(), summary("s"), proposed(alert), published(alert));
            review.givenCommands(status(alert, ActionItemStatus.DONE, 300),
                    new ProposeActionItem(REVIEW, runbook, "rita", at(310)),
                    new Amend(REVIEW, "one more item", "rita", at(320)));
            assertThat(review.state().followUpCompleted()).isFalse();

            review.when(status(runbook, ActionItemStatus.DONE, 400));

            assertThat(review.produced()).extracting(ReviewEvent::type)
                    .containsExactly("review.action-item-status-recorded", "review.follow-up-completed");
        }

        @Test
        void an_amendment_removing_the_last_open_item_completes_the_follow_up() {
            review.given(scheduled(), started(), summary("s"), proposed(alert), proposed(runbook),
                    published(alert, runbook));
            review.givenCommands(status(alert, ActionItemStatus.DONE, 300),
                    new RemoveActionItem(REVIEW, runbook.actionItemId(), "not needed", "rita", at(310)));

            review.when(new Amend(REVIEW, "runbook item not needed", "rita", at(320)));

            assertThat(review.produced()).extracting(ReviewEvent::type)
                    .containsExactly("review.amended", "review.follow-up-completed");
        }

        @Test
        void a_reopened_item_makes_the_follow_up_owed_again() {
            review.given(scheduled(), started(), summary("s"), proposed(alert), published(alert));
            review.givenCommands(status(alert, ActionItemStatus.DONE, 300), status(alert, ActionItemStatus.OPEN, 310));
            assertThat(review.state().followUpCompleted()).isFalse();

            review.when(status(alert, ActionItemStatus.DONE, 320));

            assertThat(review.produced()).extracting(ReviewEvent::type)
                    .containsExactly("review.action-item-status-recorded", "review.follow-up-completed");
        }
    }

    @Nested
    class Overdue {

        private MarkOverdue check(Instant now) {
            return new MarkOverdue(REVIEW, now);
        }

        @Test
        void is_emitted_once_when_the_due_instant_passed() {
            Instant late = DUE.plusSeconds(1);
            review.given(scheduled(), started()).when(check(late))
                    .then(new ReviewEvent.Overdue(REVIEW, INCIDENT, "INC-42", DUE, FACILITATOR, late));
            assertThat(review.stateAfter().listedAsOverdue()).isTrue();

            review.given(review.produced().toArray(ReviewEvent[]::new)).when(check(late.plusSeconds(3600)))
                    .thenNothing();
        }

        @Test
        void not_before_or_at_the_due_instant() {
            review.given(scheduled()).when(check(DUE)).thenNothing();
            review.when(check(DUE.minusSeconds(1))).thenNothing();
        }

        @Test
        void not_for_a_published_cancelled_declined_or_on_hold_review() {
            Instant late = DUE.plusSeconds(1);
            new ReviewScenario().given(scheduled(), started(), summary("s"), published()).when(check(late)).thenNothing();
            new ReviewScenario().given(scheduled(), new ReviewEvent.Cancelled(REVIEW, INCIDENT, "r", "x", at(0)))
                    .when(check(late)).thenNothing();
            new ReviewScenario().given(scheduled(ReviewRequirement.SUGGESTED),
                    new ReviewEvent.Declined(REVIEW, INCIDENT, "r", "x", at(0))).when(check(late)).thenNothing();
            new ReviewScenario().given(scheduled(), onHold()).when(check(late)).thenNothing();
        }

        @Test
        void a_new_due_instant_can_become_overdue_again() {
            Instant newDue = DUE.plus(Duration.ofDays(5));
            review.given(scheduled(), new ReviewEvent.Overdue(REVIEW, INCIDENT, "INC-42", DUE, FACILITATOR, DUE.plusSeconds(1)),
                    onHold(), new ReviewEvent.Rescheduled(REVIEW, INCIDENT, START.plus(Duration.ofDays(5)),
                            END.plus(Duration.ofDays(5)), newDue, "resolved again", 1, SERVICE_ACTOR, at(9000)));
            assertThat(review.state().listedAsOverdue()).isFalse();

            review.when(check(newDue.plusSeconds(1)));

            assertThat(review.produced()).hasSize(1);
        }

        @Test
        void publishing_late_is_recorded_as_not_on_time() {
            review.given(scheduled(), started(), summary("s")).when(new Publish(REVIEW, FACILITATOR, DUE.plusSeconds(60)));

            assertThat(((ReviewEvent.Published) review.produced().get(0)).outcome().publishedOnTime()).isFalse();
        }
    }

    @Nested
    class SeverityChanges {

        @Test
        void sev3_to_sev4_cancels_an_unpublished_review() {
            review.given(scheduled(ReviewRequirement.SUGGESTED))
                    .when(new ApplySeverityChange(REVIEW, new ReviewTerms(Severity.SEV4, ReviewRequirement.NONE,
                            RESOLVED, null), "ic", at(5)))
                    .then(new ReviewEvent.SeverityChanged(REVIEW, INCIDENT, Severity.SEV3, Severity.SEV4,
                                    ReviewRequirement.NONE, null, "ic", at(5)),
                            new ReviewEvent.Cancelled(REVIEW, INCIDENT,
                                    "severity changed to SEV4: the review policy asks for no review", "ic", at(5)));
            assertThat(review.stateAfter().status()).isEqualTo(ReviewStatus.CANCELLED);
        }

        @Test
        void sev3_to_sev2_makes_the_review_required_with_the_new_due_instant() {
            Instant sev2Due = DUE.plus(Duration.ofDays(2));
            review.given(scheduled(ReviewRequirement.SUGGESTED))
                    .when(new ApplySeverityChange(REVIEW, new ReviewTerms(Severity.SEV2, ReviewRequirement.REQUIRED,
                            RESOLVED, sev2Due), "ic", at(5)))
                    .then(new ReviewEvent.SeverityChanged(REVIEW, INCIDENT, Severity.SEV3, Severity.SEV2,
                            ReviewRequirement.REQUIRED, sev2Due, "ic", at(5)));

            ReviewState state = review.stateAfter();
            assertThat(state.requirement()).isEqualTo(ReviewRequirement.REQUIRED);
            assertThat(state.incident().severity()).isEqualTo(Severity.SEV2);
            assertThat(state.dueAt()).isEqualTo(sev2Due);
            review.given(review.produced().toArray(ReviewEvent[]::new))
                    .when(new Decline(REVIEW, "r", "carl", at(6))).thenRefused(RuleViolation.class, "REQUIRED");
        }

        @Test
        void the_same_terms_change_nothing() {
            review.given(scheduled()).when(new ApplySeverityChange(REVIEW, new ReviewTerms(Severity.SEV1,
                    ReviewRequirement.REQUIRED, RESOLVED, DUE), "ic", at(5))).thenNothing();
        }

        @Test
        void a_published_review_is_left_as_it_is() {
            review.given(scheduled(), started(), summary("s"), published())
                    .when(new ApplySeverityChange(REVIEW, new ReviewTerms(Severity.SEV4, ReviewRequirement.NONE,
                            RESOLVED, null), "ic", at(500)))
                    .thenNothing();
        }
    }

    @Test
    void a_whole_review_folds_back_to_the_same_state_and_every_event_has_its_registered_type() {
        ActionItem alert = item("01", "Alert on checkout error rate");
        review.givenCommands(
                new Schedule(REVIEW, INCIDENT, "INC-42", Severity.SEV1, "payments", "Checkout errors",
                        ReviewRequirement.REQUIRED, DUE, FACILITATOR, List.of("carl", "rita"), START, END,
                        SERVICE_ACTOR, RESOLVED),
                new PutOnHold(REVIEW, "incident reopened", SERVICE_ACTOR, at(-300)),
                new Reschedule(REVIEW, START.plusSeconds(3600), END.plusSeconds(3600), null, "resolved again",
                        SERVICE_ACTOR, at(-200)),
                new AddParticipant(REVIEW, "dana", FACILITATOR, at(-100)),
                new Start(REVIEW, FACILITATOR, at(60)),
                new UpdateDocument(REVIEW, Map.of(DocumentField.SUMMARY, "Human error, they said."), "rita", at(61)),
                new AnnotateTimeline(REVIEW, "evt-1", "Alert fired here.", "carl", at(62)),
                new AddContributingFactor(REVIEW, FACTOR, FactorCategory.TOOLING, "d", List.of(), "rita", at(63)),
                new ProposeActionItem(REVIEW, alert, "rita", at(64)));
        String findingId = review.decider().findings().open(review.state()).get(0).id();
        review.givenCommands(
                new DismissFinding(REVIEW, findingId, "quoting the customer", FACILITATOR, at(65)),
                new MarkOverdue(REVIEW, DUE.plusSeconds(1)),
                new Publish(REVIEW, FACILITATOR, DUE.plusSeconds(2)),
                new ChangeActionItem(REVIEW, new ActionItem(alert.actionItemId(), alert.title(), alert.type(), "sre",
                        null, Priority.P1, null), "rita", DUE.plusSeconds(3)),
                new Amend(REVIEW, "moved to sre", "rita", DUE.plusSeconds(4)),
                new RecordActionItemStatus(REVIEW, alert.actionItemId(), ActionItemStatus.DONE, "actions-service",
                        DUE.plusSeconds(5)));

        ReviewState state = review.state();
        assertThat(state.status()).isEqualTo(ReviewStatus.PUBLISHED);
        assertThat(state.meeting().sequence()).isEqualTo(1);
        assertThat(state.followUpCompleted()).isTrue();
        assertThat(state.amendments()).isEqualTo(1);
        assertThat(state.listedAsOverdue()).isFalse();
        assertThat(state.outcome().actionItems()).extracting(ActionItem::ownerTeam).containsExactly("sre");
    }

    @Test
    void event_types_are_registered_once_for_every_event_class() {
        Map<String, Class<? extends ReviewEvent>> byType = ReviewEvent.classesByType();
        Set<Class<?>> permitted = new HashSet<>(Arrays.asList(ReviewEvent.class.getPermittedSubclasses()));

        assertThat(new HashSet<>(byType.values())).isEqualTo(permitted);
        assertThat(byType.keySet()).allMatch(type -> type.startsWith("review."));
        List<ReviewEvent> samples = new ArrayList<>(List.of(scheduled(), started(), onHold(), summary("s"),
                factorAdded(), proposed(item("01", "t")), published()));
        for (ReviewEvent sample : samples) {
            assertThat(byType.get(sample.type())).isEqualTo(sample.getClass());
        }
    }

    // --- fixtures ---------------------------------------------------------------------------------------

    private static ReviewEvent.PutOnHold onHold() {
        return new ReviewEvent.PutOnHold(REVIEW, INCIDENT, "incident reopened", SERVICE_ACTOR, at(-60));
    }

    private static ReviewEvent.Rescheduled rescheduled(Instant start, int sequence) {
        return new ReviewEvent.Rescheduled(REVIEW, INCIDENT, start, start.plus(Duration.ofHours(1)), DUE, "moved",
                sequence, FACILITATOR, at(-200));
    }

    private static ContributingFactor factor() {
        return new ContributingFactor(FACTOR, FactorCategory.TOOLING, "The deploy tool does not show the target region.");
    }

    private static ReviewEvent.ContributingFactorAdded factorAdded() {
        return factorAdded(factor().description());
    }

    private static ReviewEvent.ContributingFactorAdded factorAdded(String description) {
        return new ReviewEvent.ContributingFactorAdded(REVIEW, INCIDENT, FACTOR, FactorCategory.TOOLING, description,
                List.of(), "rita", at(7));
    }

    private static ReviewEvent.Published published(ActionItem... items) {
        return new ReviewEvent.Published(REVIEW, INCIDENT, "INC-42", Severity.SEV1, "payments", "Checkout errors", "s",
                "", "", "", "", List.of(), List.of(items), FACILITATOR, List.of("carl", "rita"), DUE, at(60),
                FACILITATOR);
    }
}
