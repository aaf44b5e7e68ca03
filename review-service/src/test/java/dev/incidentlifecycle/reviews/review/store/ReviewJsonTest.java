package dev.incidentlifecycle.reviews.review.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.reviews.policy.ReviewRequirement;
import dev.incidentlifecycle.reviews.policy.Severity;
import dev.incidentlifecycle.reviews.review.ActionItem;
import dev.incidentlifecycle.reviews.review.ActionItemStatus;
import dev.incidentlifecycle.reviews.review.ActionItemType;
import dev.incidentlifecycle.reviews.review.DocumentField;
import dev.incidentlifecycle.reviews.review.FactorCategory;
import dev.incidentlifecycle.reviews.review.Priority;
import dev.incidentlifecycle.reviews.review.ReviewCommand;
import dev.incidentlifecycle.reviews.review.ReviewDecider;
import dev.incidentlifecycle.reviews.review.ReviewEvent;
import dev.incidentlifecycle.reviews.review.ReviewState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review's events and state survive the event store's JSON: events are stored and published as JSON, and
 * the state is kept as JSON in snapshots and in the reviews read model.
 */
class ReviewJsonTest {

    static final UUID REVIEW = UUID.randomUUID();
    static final Instant AT = Instant.parse("2026-03-09T10:00:00Z");

    final ReviewDecider decider = new ReviewDecider();
    final List<ReviewEvent> history = new ArrayList<>();
    ReviewState state = decider.initialState();

    void run(ReviewCommand command) {
        for (ReviewEvent event : decider.decide(command, state)) {
            history.add(event);
            state = decider.evolve(state, event);
        }
    }

    ReviewState reviewedAndFollowedUp() {
        UUID item = UUID.randomUUID();
        run(new ReviewCommand.Schedule(REVIEW, UUID.randomUUID(), "INC-7", Severity.SEV2, "payments", "Checkout errors",
                ReviewRequirement.REQUIRED, AT.plusSeconds(86_400 * 5), "fac.amara", List.of("ivy", "jon"), AT,
                AT.plusSeconds(3600), "review-service", AT));
        run(new ReviewCommand.Start(REVIEW, "rowan", AT));
        run(new ReviewCommand.UpdateDocument(REVIEW, Map.of(DocumentField.SUMMARY, "Human error in the deploy.",
                DocumentField.IMPACT, "Slow checkout."), "rita", AT));
        run(new ReviewCommand.AnnotateTimeline(REVIEW, "entry-1", "paged twice", "rita", AT));
        run(new ReviewCommand.AddContributingFactor(REVIEW, UUID.randomUUID(), FactorCategory.TOOLING,
                "No alert on pool saturation", List.of("connection-pool"), "rita", AT));
        run(new ReviewCommand.ProposeActionItem(REVIEW, new ActionItem(item, "Alert on saturation", ActionItemType.DETECT,
                "payments", null, Priority.P2, LocalDate.parse("2026-04-01")), "rita", AT));
        String finding = decider.findings().open(state).get(0).id();
        run(new ReviewCommand.DismissFinding(REVIEW, finding, "their own words", "rowan", AT));
        run(new ReviewCommand.Publish(REVIEW, "rowan", AT));
        run(new ReviewCommand.RecordActionItemStatus(REVIEW, item, ActionItemStatus.DONE, "lee", AT));
        return state;
    }

    @Test
    void the_state_reads_back_as_written() throws JsonProcessingException {
        ReviewState written = reviewedAndFollowedUp();
        assertThat(written.followUpCompleted()).isTrue();
        String json = EventJson.mapper().writeValueAsString(written);
        assertThat(EventJson.mapper().readValue(json, ReviewState.class)).isEqualTo(written);
    }

    @Test
    void every_event_reads_back_as_written_under_its_type_name() {
        reviewedAndFollowedUp();
        for (ReviewEvent event : history) {
            String type = ReviewAggregate.CODEC.typeOf(event);
            assertThat(type).isEqualTo(event.type());
            ReviewEvent read = ReviewAggregate.CODEC.decode(type, 1, ReviewAggregate.CODEC.encode(event));
            assertThat(read).isEqualTo(event);
        }
        assertThat(ReviewAggregate.CODEC.encode(history.get(0))).doesNotContain("\"type\"");
    }
}
