package dev.incidentlifecycle.reviews.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventstore.EventJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.List;
import java.util.UUID;

import static dev.incidentlifecycle.reviews.review.ReviewScenario.FACILITATOR;
import static dev.incidentlifecycle.reviews.review.ReviewScenario.REVIEW;
import static dev.incidentlifecycle.reviews.review.ReviewScenario.at;
import static dev.incidentlifecycle.reviews.review.ReviewScenario.scheduled;
import static dev.incidentlifecycle.reviews.review.ReviewScenario.started;
import static org.assertj.core.api.Assertions.assertThat;

/** One test per bound of {@link ReviewLimits}: the command at the bound passes, one past it is refused naming it. */
class ReviewLimitsTest {

    final ReviewScenario review = new ReviewScenario().given(scheduled(), started());

    static ActionItem item(int n, String title) {
        return new ActionItem(new UUID(1, n), title, ActionItemType.DETECT, "payments", null, Priority.P2, null);
    }

    ReviewCommand.AddContributingFactor factor(int n, String description) {
        return new ReviewCommand.AddContributingFactor(REVIEW, new UUID(2, n), FactorCategory.TOOLING, description,
                List.of(), FACILITATOR, at(5));
    }

    void thenInvalid(String field, String limit) {
        review.thenRefused(InvalidCommand.class, limit);
        assertThat(((InvalidCommand) review.refusal()).field()).isEqualTo(field);
    }

    @Test
    void each_section_takes_at_most_20000_characters() {
        review.when(new ReviewCommand.UpdateDocument(REVIEW, Map.of(DocumentField.WHERE_WE_GOT_LUCKY,
                "x".repeat(ReviewLimits.SECTION_LENGTH)), FACILITATOR, at(5)));
        assertThat(review.produced()).hasSize(1);
        review.when(new ReviewCommand.UpdateDocument(REVIEW, Map.of(DocumentField.OPEN_QUESTIONS,
                "x".repeat(ReviewLimits.SECTION_LENGTH + 1)), FACILITATOR, at(5)));
        thenInvalid("openQuestions", "the limit is 20000");
    }

    @Test
    void a_review_has_at_most_50_contributing_factors_of_2000_characters() {
        for (int i = 0; i < ReviewLimits.CONTRIBUTING_FACTORS; i++) {
            review.givenCommands(factor(i, "Factor " + i));
        }
        review.when(factor(99, "One more"));
        thenInvalid("contributingFactors", "at most 50 contributingFactors");

        new ReviewScenario().given(scheduled()).when(factor(1, "d".repeat(ReviewLimits.FACTOR_DESCRIPTION_LENGTH + 1)))
                .thenRefused(InvalidCommand.class, "the limit is 2000");
    }

    @Test
    void a_factor_has_at_most_10_tags_of_50_lower_case_characters_normalised_on_the_way_in() {
        review.when(tagged(1, List.of(" Connection-Pool ", "connection-pool", "", "db.v2")));
        assertThat(((ReviewEvent.ContributingFactorAdded) review.produced().get(0)).tags())
                .containsExactly("connection-pool", "db.v2");
        new ReviewScenario().given(scheduled()).when(tagged(2, java.util.stream.IntStream.range(0, ReviewLimits.FACTOR_TAGS + 1)
                .mapToObj(i -> "t" + i).toList())).thenRefused(InvalidCommand.class, "the limit is " + ReviewLimits.FACTOR_TAGS);
        new ReviewScenario().given(scheduled()).when(tagged(3, List.of("t".repeat(ReviewLimits.FACTOR_TAG_LENGTH + 1))))
                .thenRefused(InvalidCommand.class, "the limit is " + ReviewLimits.FACTOR_TAG_LENGTH);
        new ReviewScenario().given(scheduled()).when(tagged(4, List.of("no spaces")))
                .thenRefused(InvalidCommand.class, "lower-case letters");
    }

    ReviewCommand.AddContributingFactor tagged(int n, List<String> tags) {
        return new ReviewCommand.AddContributingFactor(REVIEW, new UUID(3, n), FactorCategory.TOOLING, "Tagged " + n,
                tags, FACILITATOR, at(5));
    }

    @Test
    void a_review_has_at_most_50_action_items_with_titles_of_500_characters() {
        for (int i = 0; i < ReviewLimits.ACTION_ITEMS; i++) {
            review.givenCommands(new ReviewCommand.ProposeActionItem(REVIEW, item(i, "Item " + i), FACILITATOR, at(5)));
        }
        review.when(new ReviewCommand.ProposeActionItem(REVIEW, item(99, "One more"), FACILITATOR, at(5)));
        thenInvalid("actionItems", "at most 50 actionItems");

        new ReviewScenario().given(scheduled()).when(new ReviewCommand.ProposeActionItem(REVIEW,
                        item(1, "t".repeat(ReviewLimits.ACTION_ITEM_LINE_LENGTH + 1)), FACILITATOR, at(5)))
                .thenRefused(InvalidCommand.class, "the limit is 500");
    }

    @Test
    void a_review_has_at_most_50_participants_of_200_characters() {
        // The scheduled review has two participants already.
        for (int i = 0; i < ReviewLimits.PARTICIPANTS - 2; i++) {
            review.givenCommands(new ReviewCommand.AddParticipant(REVIEW, "person" + i, FACILITATOR, at(5)));
        }
        review.when(new ReviewCommand.AddParticipant(REVIEW, "one.more", FACILITATOR, at(5)));
        thenInvalid("participants", "at most 50 participants");
        // Adding someone already there is still a harmless repeat.
        review.when(new ReviewCommand.AddParticipant(REVIEW, "person0", FACILITATOR, at(5))).thenNothing();

        new ReviewScenario().given(scheduled()).when(new ReviewCommand.AddParticipant(REVIEW,
                        "p".repeat(ReviewLimits.PARTICIPANT_LENGTH + 1), FACILITATOR, at(5)))
                .thenRefused(InvalidCommand.class, "the limit is 200");
    }

    @Test
    void a_review_has_at_most_200_timeline_notes_of_2000_characters() {
        for (int i = 0; i < ReviewLimits.TIMELINE_NOTES; i++) {
            review.givenCommands(new ReviewCommand.AnnotateTimeline(REVIEW, "entry-" + i, "note", FACILITATOR, at(5)));
        }
        review.when(new ReviewCommand.AnnotateTimeline(REVIEW, "entry-new", "note", FACILITATOR, at(5)));
        thenInvalid("timelineNotes", "at most 200 timelineNotes");
        // An annotated entry can still be reworded.
        assertThat(review.when(new ReviewCommand.AnnotateTimeline(REVIEW, "entry-0", "reworded", FACILITATOR, at(5)))
                .produced()).hasSize(1);

        new ReviewScenario().given(scheduled()).when(new ReviewCommand.AnnotateTimeline(REVIEW, "entry-1",
                        "n".repeat(ReviewLimits.TIMELINE_NOTE_LENGTH + 1), FACILITATOR, at(5)))
                .thenRefused(InvalidCommand.class, "the limit is 2000");
        new ReviewScenario().given(scheduled()).when(new ReviewCommand.AnnotateTimeline(REVIEW,
                        "e".repeat(ReviewLimits.TIMELINE_ENTRY_ID_LENGTH + 1), "note", FACILITATOR, at(5)))
                .thenRefused(InvalidCommand.class, "the limit is 100");
    }

    @Test
    void a_reason_takes_at_most_2000_characters() {
        review.when(new ReviewCommand.Cancel(REVIEW, "r".repeat(ReviewLimits.REASON_LENGTH + 1), FACILITATOR, at(5)));
        thenInvalid("reason", "the limit is 2000");
    }

    @Test
    void an_edit_that_would_grow_the_outcome_past_256_kib_is_refused_as_too_large() {
        // Each section within its own bound, but together with three-byte characters past the outcome's bound.
        String wide = "€".repeat(ReviewLimits.SECTION_LENGTH);
        review.givenCommands(new ReviewCommand.UpdateDocument(REVIEW, Map.of(DocumentField.SUMMARY, wide,
                DocumentField.IMPACT, wide, DocumentField.WHAT_WENT_WELL, wide), FACILITATOR, at(5)));
        review.when(new ReviewCommand.UpdateDocument(REVIEW, Map.of(DocumentField.WHERE_WE_GOT_LUCKY, wide,
                DocumentField.OPEN_QUESTIONS, wide), FACILITATOR, at(6)));
        review.thenRefused(OutcomeTooLarge.class, "the limit is " + ReviewLimits.OUTCOME_BYTES + " bytes");
        // Shrinking is always allowed.
        assertThat(review.when(new ReviewCommand.UpdateDocument(REVIEW, Map.of(DocumentField.SUMMARY, "Short now."),
                FACILITATOR, at(7))).produced()).hasSize(1);
    }

    @Test
    void the_size_bound_is_never_below_the_real_serialized_outcome() throws Exception {
        String tricky = "\"\\\u0001é€😀 plain ascii ";
        review.givenCommands(new ReviewCommand.UpdateDocument(REVIEW, Map.of(DocumentField.SUMMARY, tricky.repeat(500),
                DocumentField.IMPACT, "€".repeat(5_000)), FACILITATOR, at(5)));
        for (int i = 0; i < 10; i++) {
            review.givenCommands(factor(i, tricky.repeat(20)),
                    new ReviewCommand.ProposeActionItem(REVIEW, item(i, tricky.repeat(5)), FACILITATOR, at(5)),
                    new ReviewCommand.AddParticipant(REVIEW, "person " + tricky + i, FACILITATOR, at(5)));
        }
        ReviewOutcome outcome = review.state().draftOutcome(at(30));
        ObjectMapper json = EventJson.mapper();
        int real = json.writeValueAsString(ReviewEvent.Published.of(outcome, FACILITATOR,
                "https://reviews.incidents.example.com/reviews/" + REVIEW)).getBytes(StandardCharsets.UTF_8).length;
        assertThat(OutcomeSize.bytesOf(outcome)).isGreaterThanOrEqualTo(real);
    }
}
