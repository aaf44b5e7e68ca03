package dev.incidentlifecycle.reviews.followup;

import dev.incidentlifecycle.reviews.testing.ActionItemStory;
import dev.incidentlifecycle.reviews.testing.Api;
import dev.incidentlifecycle.reviews.testing.Scenarios;
import dev.incidentlifecycle.reviews.testing.TestClock;
import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.reviews.testing.Api.asResponder;
import static dev.incidentlifecycle.reviews.testing.Api.asReviewer;
import static dev.incidentlifecycle.testing.KafkaTopic.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The versions of action-item events the follow-up reads, on the real broker and database: version 1 (stored before
 * version 2) and version 2 are recorded on the review; version 2 of an item of no review (reviewId null or absent) is
 * skipped, not dead-lettered; a version this service does not know is dead-lettered with the version in its reason.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class ActionItemEventVersionsTest {

    @Inject
    TestClock clock;

    @Test
    void versions_1_and_2_are_followed_up_items_of_no_review_skipped_and_version_3_dead_lettered() {
        String reviewId = Scenarios.reviewInProgress("Payouts stuck in pending", clock.instant()).reviewId();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        for (UUID item : List.of(first, second)) {
            Api.command(asResponder(), reviewId, "POST", "/action-items", Map.of("actionItemId", item.toString(),
                    "title", "Alert on payouts pending for an hour", "type", "detect", "ownerTeam", "payments")).then().statusCode(201);
        }
        Api.command(asReviewer(), reviewId, "POST", "/publish", null).then().statusCode(200);
        UUID review = UUID.fromString(reviewId);
        Instant at = clock.instant();

        RealInfrastructure.produce(ActionItemStory.asVersion(ActionItemStory.completed(first, review, "pat", at), 1),
                ActionItemStory.wontDo(second, review, "pat", at.plusSeconds(60)));
        await().atMost(Duration.ofSeconds(60)).until(() -> Api.review(reviewId).getBoolean("followUpCompleted"));
        assertThat(Api.review(reviewId).getList("actionItems.status", String.class)).containsExactlyInAnyOrder("DONE", "WONT_DO");

        UUID byHand = UUID.randomUUID();
        try (KafkaTopic dlq = KafkaTopic.readFromStart("action-item-events.dlq")) {
            // In the key's order: the items of no review first; had either been dead-lettered, it would come first.
            RealInfrastructure.produce(ActionItemStory.completed(byHand, null, "pat", at),
                    ActionItemStory.withoutReviewId(ActionItemStory.wontDo(byHand, null, "pat", at)),
                    ActionItemStory.asVersion(ActionItemStory.reopened(byHand, review, "pat", at), 3),
                    ActionItemStory.asVersion(ActionItemStory.reopened(first, review, "pat", at.plusSeconds(120)), 3));
            await().atMost(Duration.ofSeconds(60)).until(() -> dlq.poll().withKey(byHand.toString()).size() == 1
                    && dlq.poll().withKey(first.toString()).size() == 1);
            assertThat(header(dlq.withKey(byHand.toString()).get(0), "dead-letter-reason"))
                    .contains("version 3 of action-item.reopened is unknown here (known: 1 to 2)");
        }
        // The reopening of an unknown version changed nothing.
        assertThat(Api.review(reviewId).getBoolean("followUpCompleted")).isTrue();
    }
}
