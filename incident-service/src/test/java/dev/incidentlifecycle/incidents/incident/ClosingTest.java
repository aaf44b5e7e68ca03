package dev.incidentlifecycle.incidents.incident;

import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.ID;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.at;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.historyOf;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.incident;

import dev.incidentlifecycle.incidents.incident.IncidentCommand.Close;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.Reopen;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Closing says why, an open required review stops a close by hand unless an admin closes, and closing is final. */
class ClosingTest {

    static final UUID REVIEW = UUID.fromString("2e510000-0000-4000-8000-000000000002");

    @Test
    void a_close_by_hand_says_why() {
        incident().given(historyOf(IncidentStatus.RESOLVED))
                .when(new Close("duplicate of INC-6", null, ClosingCause.BY_HAND, null, false, "sam", null, at(60)))
                .then(new IncidentEvent.Closed(ID, "duplicate of INC-6", null, ClosingCause.BY_HAND, "sam", at(60)));
    }

    @Test
    void a_required_review_still_open_refuses_a_close_by_hand() {
        incident().given(historyOf(IncidentStatus.RESOLVED))
                .when(new Close("done", null, ClosingCause.BY_HAND, REVIEW, false, "sam", null, at(60)))
                .thenRuleViolation("incident INC-7 has a required review (" + REVIEW + ") that is still open; it closes"
                        + " when the review's follow-up is complete, or an admin closes it");
    }

    @Test
    void an_admin_closes_over_an_open_required_review() {
        incident().given(historyOf(IncidentStatus.RESOLVED))
                .when(new Close("test incident", null, ClosingCause.BY_HAND, REVIEW, true, "root", null, at(60)))
                .then(new IncidentEvent.Closed(ID, "test incident", null, ClosingCause.BY_HAND, "root", at(60)));
    }

    @Test
    void a_declined_review_closes_with_its_cause() {
        incident().given(historyOf(IncidentStatus.RESOLVED))
                .when(Close.after(ClosingCause.REVIEW_DECLINED, "the review was declined: nothing to learn", REVIEW,
                        "review-service", at(60)))
                .then(new IncidentEvent.Closed(ID, "the review was declined: nothing to learn", REVIEW,
                        ClosingCause.REVIEW_DECLINED, "review-service", at(60)));
    }

    @Test
    void a_close_needs_a_cause() {
        incident().given(historyOf(IncidentStatus.RESOLVED))
                .when(new Close("done", null, null, null, false, "sam", null, at(60)))
                .thenInvalid("cause");
    }

    @Test
    void closing_is_final() {
        incident().given(historyOf(IncidentStatus.CLOSED))
                .when(new Reopen("it is back", "sam", null, at(700)))
                .thenRuleViolation("incident INC-7 is CLOSED; only a RESOLVED incident can be reopened");
    }
}
