package dev.incidentlifecycle.reviews.review;

import dev.incidentlifecycle.reviews.policy.ReviewRequirement;
import dev.incidentlifecycle.reviews.policy.Severity;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Given events, when a command, then events (or a refusal): the decider exercised as the adapter will. */
class ReviewScenario {

    static final UUID REVIEW = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID INCIDENT = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    static final Instant RESOLVED = Instant.parse("2026-03-06T18:30:00Z");
    static final Instant DUE = Instant.parse("2026-03-11T22:00:00Z");
    static final Instant START = Instant.parse("2026-03-09T14:00:00Z");
    static final Instant END = START.plus(Duration.ofHours(1));
    static final String FACILITATOR = "fay";
    static final String SERVICE_ACTOR = "review-service";

    private final ReviewDecider decider = new ReviewDecider();
    private final List<ReviewEvent> history = new ArrayList<>();
    private List<ReviewEvent> produced;
    private RuntimeException refusal;

    static Instant at(int minutesAfterStart) {
        return START.plus(Duration.ofMinutes(minutesAfterStart));
    }

    static ReviewEvent.Scheduled scheduled(ReviewRequirement requirement) {
        return new ReviewEvent.Scheduled(REVIEW, INCIDENT, "INC-42", requirement == ReviewRequirement.SUGGESTED
                ? Severity.SEV3 : Severity.SEV1, "payments", "Checkout errors", requirement, DUE, FACILITATOR,
                List.of("carl", "rita"), START, END, SERVICE_ACTOR, RESOLVED);
    }

    static ReviewEvent.Scheduled scheduled() {
        return scheduled(ReviewRequirement.REQUIRED);
    }

    static ReviewEvent.Started started() {
        return new ReviewEvent.Started(REVIEW, INCIDENT, FACILITATOR, at(0));
    }

    static ReviewEvent.DocumentUpdated summary(String text) {
        return new ReviewEvent.DocumentUpdated(REVIEW, INCIDENT, DocumentField.SUMMARY, text, FACILITATOR, at(10));
    }

    static ActionItem item(String id, String title) {
        return new ActionItem(UUID.fromString("00000000-0000-0000-0000-0000000001" + id), title,
                ActionItemType.DETECT, "payments", null, Priority.P2, LocalDate.parse("2026-04-01"));
    }

    static ReviewEvent.ActionItemProposed proposed(ActionItem item) {
        return new ReviewEvent.ActionItemProposed(REVIEW, INCIDENT, item.actionItemId(), item.title(), item.type(),
                item.ownerTeam(), item.owner(), item.priority(), item.dueDate(), FACILITATOR, at(20));
    }

    ReviewDecider decider() {
        return decider;
    }

    ReviewScenario given(ReviewEvent... events) {
        history.addAll(List.of(events));
        return this;
    }

    /** Runs commands that must succeed, adding their events to the history. */
    ReviewScenario givenCommands(ReviewCommand... commands) {
        for (ReviewCommand command : commands) {
            history.addAll(decider.decide(command, state()));
        }
        return this;
    }

    ReviewScenario when(ReviewCommand command) {
        try {
            produced = decider.decide(command, state());
            refusal = null;
        } catch (RuntimeException e) {
            produced = null;
            refusal = e;
        }
        return this;
    }

    List<ReviewEvent> then(ReviewEvent... expected) {
        assertThat(refusal).as("refusal").isNull();
        assertThat(produced).containsExactly(expected);
        return produced;
    }

    List<ReviewEvent> produced() {
        assertThat(refusal).as("refusal").isNull();
        return produced;
    }

    void thenNothing() {
        assertThat(refusal).as("refusal").isNull();
        assertThat(produced).isEmpty();
    }

    /** What the last command was refused with, or null. */
    RuntimeException refusal() {
        return refusal;
    }

    void thenRefused(Class<? extends RuntimeException> type, String messagePart) {
        assertThat(refusal).as("refusal").isInstanceOf(type).hasMessageContaining(messagePart);
    }

    /** The state after the history and whatever the last command produced. */
    ReviewState state() {
        List<ReviewEvent> all = new ArrayList<>(history);
        return decider.fold(all);
    }

    ReviewState stateAfter() {
        List<ReviewEvent> all = new ArrayList<>(history);
        if (produced != null) {
            all.addAll(produced);
        }
        return decider.fold(all);
    }
}
