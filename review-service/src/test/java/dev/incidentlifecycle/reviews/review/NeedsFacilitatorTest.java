package dev.incidentlifecycle.reviews.review;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventsourcing.RuleViolation;
import dev.incidentlifecycle.reviews.policy.ReviewRequirement;
import dev.incidentlifecycle.reviews.policy.ReviewTerms;
import dev.incidentlifecycle.reviews.policy.Severity;
import dev.incidentlifecycle.reviews.review.ReviewCommand.ApplySeverityChange;
import dev.incidentlifecycle.reviews.review.ReviewCommand.AssignFacilitator;
import dev.incidentlifecycle.reviews.review.ReviewCommand.Cancel;
import dev.incidentlifecycle.reviews.review.ReviewCommand.MarkOverdue;
import dev.incidentlifecycle.reviews.review.ReviewCommand.PutOnHold;
import dev.incidentlifecycle.reviews.review.ReviewCommand.Reschedule;
import dev.incidentlifecycle.reviews.review.ReviewCommand.ScheduleWithoutFacilitator;
import dev.incidentlifecycle.reviews.review.ReviewCommand.Start;
import org.junit.jupiter.api.Test;

import java.util.List;
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
import static dev.incidentlifecycle.reviews.review.ReviewScenario.scheduled;
import static org.assertj.core.api.Assertions.assertThat;

/** A review the policy asks for exists even when nobody can facilitate it, and waits for someone to be assigned. */
class NeedsFacilitatorTest {

    private final ReviewScenario review = new ReviewScenario();

    static ReviewEvent.AwaitingFacilitator awaiting(String requestedBy) {
        return new ReviewEvent.AwaitingFacilitator(REVIEW, INCIDENT, "INC-42", Severity.SEV1, "payments",
                "Checkout errors", ReviewRequirement.REQUIRED, DUE, List.of("carl", "rita"), "nobody is free",
                requestedBy, requestedBy != null ? requestedBy : SERVICE_ACTOR, RESOLVED);
    }

    private static AssignFacilitator assign(String facilitator) {
        return new AssignFacilitator(REVIEW, facilitator, START, END, null, "rowan", at(-600));
    }

    @Test
    void with_nobody_free_the_review_is_created_waiting_for_a_facilitator_and_its_due_instant_runs() {
        review.when(new ScheduleWithoutFacilitator(REVIEW, INCIDENT, "INC-42", Severity.SEV1, "payments",
                        "Checkout errors", ReviewRequirement.REQUIRED, DUE, List.of("carl", "rita"), "nobody is free",
                        null, SERVICE_ACTOR, RESOLVED))
                .then(awaiting(null));

        ReviewState state = review.stateAfter();
        assertThat(state.status()).isEqualTo(ReviewStatus.NEEDS_FACILITATOR);
        assertThat(state.status().isOpen()).isTrue();
        assertThat(state.meeting().facilitator()).isNull();
        assertThat(state.meetingAfterDue()).isFalse();
    }

    @Test
    void a_review_waiting_for_a_facilitator_becomes_overdue_once() {
        review.given(awaiting(null)).when(new MarkOverdue(REVIEW, DUE.plusSeconds(1)))
                .then(new ReviewEvent.Overdue(REVIEW, INCIDENT, "INC-42", DUE, null, DUE.plusSeconds(1)));
        assertThat(review.stateAfter().listedAsOverdue()).isTrue();

        review.given(review.produced().toArray(ReviewEvent[]::new))
                .when(new MarkOverdue(REVIEW, DUE.plusSeconds(60))).thenNothing();
    }

    @Test
    void assigning_a_facilitator_schedules_the_meeting_at_sequence_zero() {
        review.given(awaiting(null)).when(assign(" fay "))
                .then(new ReviewEvent.FacilitatorAssigned(REVIEW, INCIDENT, FACILITATOR, null, START, END, 0, null,
                        "rowan", at(-600)));

        ReviewState state = review.stateAfter();
        assertThat(state.status()).isEqualTo(ReviewStatus.SCHEDULED);
        assertThat(state.meeting()).isEqualTo(new Meeting(FACILITATOR, List.of("carl", "rita"), START, END, 0));
        review.given(review.produced().toArray(ReviewEvent[]::new)).when(new Start(REVIEW, FACILITATOR, at(0)));
        assertThat(review.stateAfter().status()).isEqualTo(ReviewStatus.IN_REVIEW);
    }

    @Test
    void replacing_the_facilitator_of_a_scheduled_review_raises_the_sequence_and_the_same_again_changes_nothing() {
        review.given(scheduled()).when(new AssignFacilitator(REVIEW, "gus", START.plusSeconds(3600),
                        END.plusSeconds(3600), "fay is away", "rowan", at(-600)))
                .then(new ReviewEvent.FacilitatorAssigned(REVIEW, INCIDENT, "gus", FACILITATOR, START.plusSeconds(3600),
                        END.plusSeconds(3600), 1, "fay is away", "rowan", at(-600)));

        review.given(review.produced().toArray(ReviewEvent[]::new))
                .when(new AssignFacilitator(REVIEW, "Gus", START.plusSeconds(3600), END.plusSeconds(3600), null, "rowan",
                        at(-500)))
                .thenNothing();
    }

    @Test
    void someone_who_takes_part_cannot_facilitate() {
        review.given(awaiting(null)).when(assign("Rita")).thenRefused(InvalidCommand.class, "takes part");
    }

    @Test
    void a_published_review_gets_no_new_facilitator_and_a_waiting_one_cannot_start_or_be_moved() {
        review.given(awaiting(null)).when(new Start(REVIEW, "rowan", at(0))).thenRefused(RuleViolation.class, "NEEDS_FACILITATOR");
        review.when(new Reschedule(REVIEW, START, END, null, "later", "rowan", at(0)))
                .thenRefused(RuleViolation.class, "NEEDS_FACILITATOR");
    }

    @Test
    void a_waiting_review_can_be_cancelled_and_is_not_put_on_hold() {
        review.given(awaiting(null)).when(new PutOnHold(REVIEW, "the incident was reopened", SERVICE_ACTOR, at(0)))
                .thenNothing();
        review.when(new Cancel(REVIEW, "duplicate", "rowan", at(0)))
                .then(new ReviewEvent.Cancelled(REVIEW, INCIDENT, "duplicate", "rowan", at(0)));
    }

    @Test
    void a_severity_that_needs_no_review_never_cancels_a_review_asked_for_by_hand() {
        ReviewTerms none = new ReviewTerms(Severity.SEV4, ReviewRequirement.NONE, RESOLVED, null);

        review.given(awaiting("rowan")).when(new ApplySeverityChange(REVIEW, none, SERVICE_ACTOR, at(0)))
                .then(new ReviewEvent.SeverityChanged(REVIEW, INCIDENT, Severity.SEV1, Severity.SEV4,
                        ReviewRequirement.REQUIRED, DUE, SERVICE_ACTOR, at(0)));
        assertThat(review.stateAfter().status()).isEqualTo(ReviewStatus.NEEDS_FACILITATOR);
        assertThat(review.stateAfter().requestedByHand()).isTrue();

        ReviewScenario byPolicy = new ReviewScenario();
        byPolicy.given(awaiting(null)).when(new ApplySeverityChange(REVIEW, none, SERVICE_ACTOR, at(0)));
        assertThat(byPolicy.stateAfter().status()).isEqualTo(ReviewStatus.CANCELLED);
    }

    @Test
    void the_same_incident_again_changes_nothing_and_another_incident_is_refused() {
        review.given(awaiting(null)).when(new ScheduleWithoutFacilitator(REVIEW, INCIDENT, "INC-42", Severity.SEV1,
                "payments", "Checkout errors", ReviewRequirement.REQUIRED, DUE, List.of(), "again", null,
                SERVICE_ACTOR, RESOLVED)).thenNothing();
        review.when(new ScheduleWithoutFacilitator(REVIEW, UUID.randomUUID(), "INC-43", Severity.SEV1, "payments",
                "t", ReviewRequirement.REQUIRED, DUE, List.of(), "again", null, SERVICE_ACTOR, RESOLVED))
                .thenRefused(RuleViolation.class, "already exists");
    }
}
