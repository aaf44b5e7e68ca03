package dev.incidentlifecycle.reviews.review.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.reviews.testing.ActionItemStory;
import dev.incidentlifecycle.reviews.testing.Api;
import dev.incidentlifecycle.reviews.testing.Scenarios;
import dev.incidentlifecycle.reviews.testing.TestClock;
import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static dev.incidentlifecycle.reviews.testing.Api.asReader;
import static dev.incidentlifecycle.reviews.testing.Api.asResponder;
import static dev.incidentlifecycle.reviews.testing.Api.asReviewer;
import static dev.incidentlifecycle.testing.KafkaTopic.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Factors with a category and tags: a later review on the same service naming the same ones lists the earlier review. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class RecurrenceTest {

    @Inject
    TestClock clock;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void a_later_review_naming_a_factor_of_the_same_category_and_tag_lists_the_earlier_one_and_its_completed_items()
            throws IOException {
        String tag = "pool-" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
        Instant first = clock.instant();
        clock.pin(first);
        Scenarios.Scheduled earlier = Scenarios.reviewInProgress("Connection pool exhausted", first);
        Api.command(asResponder(), earlier.reviewId(), "POST", "/contributing-factors", Map.of("category", "technical",
                "description", "The pool size did not follow the instance count", "tags", List.of(tag.toUpperCase(), "sizing")))
                .then().statusCode(201);
        UUID done = UUID.randomUUID();
        UUID open = UUID.randomUUID();
        for (UUID item : List.of(done, open)) {
            Api.command(asResponder(), earlier.reviewId(), "POST", "/action-items", Map.of("actionItemId", item.toString(),
                    "title", "Size the pool from the instance count", "type", "prevent", "ownerTeam", "payments")).then().statusCode(201);
        }
        Api.command(asReviewer(), earlier.reviewId(), "POST", "/publish", null).then().statusCode(200);
        UUID earlierId = UUID.fromString(earlier.reviewId());
        RealInfrastructure.produce(ActionItemStory.created(done, earlierId, first), ActionItemStory.created(open, earlierId, first),
                ActionItemStory.completed(done, earlierId, "pat", first.plusSeconds(60)));
        await().atMost(Duration.ofSeconds(60)).until(() -> Api.review(earlier.reviewId())
                .getList("actionItems.status", String.class).contains("DONE"));
        assertThat(Api.review(earlier.reviewId()).getList("contributingFactors[0].tags", String.class))
                .containsExactly(tag, "sizing");

        clock.pin(first.plus(Duration.ofDays(1)));
        Scenarios.Scheduled later = Scenarios.reviewInProgress("Connection pool exhausted again", clock.instant());
        Scenarios.Scheduled otherCategory = Scenarios.reviewInProgress("Pool runbook missing", clock.instant());
        Api.command(asResponder(), later.reviewId(), "POST", "/contributing-factors", Map.of("category", "TECHNICAL",
                "description", "Pool sized by hand", "tags", List.of(tag))).then().statusCode(201);
        Api.command(asResponder(), otherCategory.reviewId(), "POST", "/contributing-factors", Map.of("category", "process",
                "description", "Nobody owns pool sizing", "tags", List.of(tag))).then().statusCode(201);

        JsonPath related = asReader().get("/reviews/" + later.reviewId() + "/related").then().statusCode(200)
                .extract().jsonPath();
        assertThat(related.getInt("total")).isEqualTo(1);
        assertThat(related.getString("items[0].reviewId")).isEqualTo(earlier.reviewId());
        assertThat(related.getString("items[0].incidentId")).isEqualTo(earlier.incident().id().toString());
        assertThat(related.getString("items[0].shared[0].category")).isEqualTo("TECHNICAL");
        assertThat(related.getString("items[0].shared[0].tag")).isEqualTo(tag);
        assertThat(related.getList("items[0].completedActionItemIds", String.class)).containsExactly(done.toString());
        assertThat(related.getInt("page")).isZero();
        assertThat(related.getInt("size")).isEqualTo(50);

        Api.command(asReviewer(), later.reviewId(), "POST", "/publish", null).then().statusCode(200);
        try (KafkaTopic topic = KafkaTopic.readFromStart("review-events")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.poll().withKey(later.reviewId()).stream()
                    .anyMatch(r -> "review.recurrence-found".equals(header(r, "ce_type"))));
            ConsumerRecord<String, byte[]> found = topic.records().stream().filter(r -> later.reviewId().equals(r.key())
                    && "review.recurrence-found".equals(header(r, "ce_type"))).findFirst().orElseThrow();
            JsonNode payload = EventJson.mapper().readTree(found.value());
            assertThat(payload.path("service").asText()).isEqualTo("payments");
            assertThat(payload.path("recurrences")).hasSize(1);
            JsonNode recurrence = payload.path("recurrences").get(0);
            assertThat(recurrence.path("earlierReviewId").asText()).isEqualTo(earlier.reviewId());
            assertThat(recurrence.path("shared").get(0).path("tag").asText()).isEqualTo(tag);
            assertThat(recurrence.path("completedActionItemIds")).extracting(JsonNode::asText).containsExactly(done.toString());
            assertThat(topic.records().stream().filter(r -> otherCategory.reviewId().equals(r.key())
                    && "review.recurrence-found".equals(header(r, "ce_type")))).isEmpty();
        }
        assertThat(asReader().get("/reviews/" + later.reviewId() + "/related").then().statusCode(200)
                .extract().jsonPath().getList("items.reviewId", String.class)).containsExactly(earlier.reviewId());
        // Nothing came before the first; another category with the same tag is another condition.
        assertThat(asReader().get("/reviews/" + earlier.reviewId() + "/related").then().statusCode(200)
                .extract().jsonPath().getInt("total")).isZero();
        assertThat(asReader().get("/reviews/" + otherCategory.reviewId() + "/related").then().statusCode(200)
                .extract().jsonPath().getInt("total")).isZero();
        asReader().get("/reviews/" + UUID.randomUUID() + "/related").then().statusCode(404);

        JsonPath insights = asReader().queryParam("from", first.minus(Duration.ofDays(1)).toString())
                .queryParam("to", first.plus(Duration.ofDays(60)).toString()).get("/reviews/insights")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> byTag = insights.getList("factorsByTag.findAll { it.tag == '" + tag + "' }");
        assertThat(byTag).hasSize(1);
        assertThat(byTag.get(0)).containsEntry("category", "TECHNICAL").containsEntry("factors", 2).containsEntry("incidents", 2);
        List<Map<String, Object>> monthly = insights.getList("factorsByMonth.findAll { it.tag == '" + tag + "' }");
        assertThat(monthly).isNotEmpty().allSatisfy(row -> assertThat((String) row.get("month")).matches("\\d{4}-\\d{2}"));
        assertThat(monthly.stream().mapToInt(row -> (Integer) row.get("factors")).sum()).isEqualTo(2);
    }

    @Test
    void tags_are_bounded() {
        String reviewId = Scenarios.reviewInProgress("Tags", clock.instant()).reviewId();
        Api.command(asResponder(), reviewId, "POST", "/contributing-factors", Map.of("category", "technical",
                "description", "d", "tags", List.of("two words"))).then().statusCode(400);
        Api.command(asResponder(), reviewId, "POST", "/contributing-factors", Map.of("category", "technical",
                "description", "d", "tags", java.util.stream.IntStream.range(0, 11).mapToObj(i -> "t" + i).toList()))
                .then().statusCode(400);
        Api.command(asResponder(), reviewId, "POST", "/contributing-factors", Map.of("category", "technical",
                "description", "d", "tags", List.of("t".repeat(51)))).then().statusCode(400);
    }
}
