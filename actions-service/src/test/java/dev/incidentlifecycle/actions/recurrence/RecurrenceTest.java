package dev.incidentlifecycle.actions.recurrence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentlifecycle.actions.ReviewOutcomes;
import dev.incidentlifecycle.actions.ReviewOutcomes.Item;
import dev.incidentlifecycle.actions.published.EventSchemas;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.incidentlifecycle.actions.Api.awaitItem;
import static dev.incidentlifecycle.actions.Api.eventTypes;
import static dev.incidentlifecycle.actions.Api.item;
import static dev.incidentlifecycle.actions.Api.memberOf;
import static dev.incidentlifecycle.actions.Api.reader;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * review-service's {@code review.recurrence-found} on review-events marks the earlier review's DONE items as
 * recurred: once, whatever is redelivered or named twice, with unknown ids skipped and nothing dead-lettered.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "actions"))
class RecurrenceTest {

    @Test
    void a_later_review_with_the_same_factor_marks_the_earlier_done_items_recurred_once() throws Exception {
        String team = "recur-" + UUID.randomUUID().toString().substring(0, 8);
        Item fixed = Item.of("Cap the connection pool per pod", "PREVENT", team);
        Item stillOpen = Item.of("Alert on pool saturation", "DETECT", team);
        ReviewOutcomes earlier = ReviewOutcomes.review().publishedAt(Instant.parse("2026-03-02T10:00:00Z")).with(fixed, stillOpen);
        earlier.publish();
        awaitItem(stillOpen.id());
        given().auth().oauth2(memberOf(team)).contentType(ContentType.JSON)
                .body("{\"resolutionNote\": \"Pool capped at 20\"}")
                .post("/action-items/" + fixed.id() + "/complete").then().statusCode(200);

        // The later review: its recurrence-found is keyed by its id, like its review.published below.
        ReviewOutcomes later = ReviewOutcomes.review().publishedAt(Instant.parse("2026-04-10T10:00:00Z"));
        UUID unknown = UUID.randomUUID();
        byte[] found = recurrenceFound(later, earlier, fixed.id(), fixed.id(), stillOpen.id(), unknown);
        String eventId = UUID.randomUUID().toString();
        ReviewOutcomes.send(ReviewOutcomes.cloudEvent("review.recurrence-found", eventId, later.reviewId().toString(),
                found, Instant.parse("2026-04-10T10:00:01Z")));
        // A redelivery (same CloudEvent id) and the same finding sent again under a new id.
        ReviewOutcomes.send(ReviewOutcomes.cloudEvent("review.recurrence-found", eventId, later.reviewId().toString(),
                found, Instant.parse("2026-04-10T10:00:01Z")));
        ReviewOutcomes.send(ReviewOutcomes.cloudEvent("review.recurrence-found", UUID.randomUUID().toString(),
                later.reviewId().toString(), found, Instant.parse("2026-04-10T10:00:02Z")));
        // Same key, same partition, after them: once its item exists, all three were handled.
        Item marker = Item.of("Load-test the pool settings", "LEARN", team);
        later.with(marker).publish();
        awaitItem(marker.id());

        JsonPath recurred = item(fixed.id());
        assertThat(recurred.getBoolean("recurred")).isTrue();
        assertThat(recurred.getList("recurredBy.reviewId", String.class)).containsExactly(later.reviewId().toString());
        assertThat(recurred.getList("recurredBy.incidentId", String.class)).containsExactly(later.incidentId().toString());
        assertThat(recurred.getString("recurredBy[0].shared[0].category")).isEqualTo("TECHNICAL");
        assertThat(recurred.getString("recurredBy[0].shared[0].tag")).isEqualTo("connection-pool");
        assertThat(recurred.getString("status")).isEqualTo("DONE");
        assertThat(eventTypes(fixed.id())).containsOnlyOnce("action-item.recurred");
        // An item not done is not a fix that failed: not marked.
        assertThat(item(stillOpen.id()).getBoolean("recurred")).isFalse();
        assertThat(eventTypes(stillOpen.id())).doesNotContain("action-item.recurred");

        given().auth().oauth2(reader()).get("/teams/" + team + "/action-items/summary").then().statusCode(200)
                .body("total", equalTo(3), "countsByStatus.DONE", equalTo(1), "doneRecurred", equalTo(1));

        try (KafkaTopic topic = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "action-item-events")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> recurredRecords(topic.poll(), fixed).size() >= 1);
            List<ConsumerRecord<String, byte[]>> records = recurredRecords(topic.poll(), fixed);
            assertThat(records).hasSize(1);
            var payload = EventJson.mapper().readTree(records.get(0).value());
            assertThat(EventSchemas.violations("action-item.recurred", payload)).as(payload.toString()).isEmpty();
            assertThat(payload.get("laterReviewId").asText()).isEqualTo(later.reviewId().toString());
            assertThat(payload.get("reviewId").asText()).isEqualTo(earlier.reviewId().toString());
        }
        // The unknown id was skipped, not dead-lettered.
        try (KafkaTopic dlq = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "review-events.dlq")) {
            assertThat(dlq.poll().withKey(later.reviewId().toString())).isEmpty();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> recurredRecords(KafkaTopic topic, Item item) {
        return topic.withKey(item.idText()).stream()
                .filter(r -> "action-item.recurred".equals(KafkaTopic.header(r, "ce_type"))).toList();
    }

    /** A {@code review.recurrence-found} as review-service publishes it, naming these items of the earlier review. */
    private static byte[] recurrenceFound(ReviewOutcomes later, ReviewOutcomes earlier, UUID... completed) {
        ObjectNode data = EventJson.mapper().createObjectNode();
        data.put("reviewId", later.reviewId().toString());
        data.put("incidentId", later.incidentId().toString());
        data.put("incidentNumber", later.incidentNumber());
        data.put("service", "payments-api");
        ObjectNode recurrence = data.putArray("recurrences").addObject();
        recurrence.put("earlierReviewId", earlier.reviewId().toString());
        recurrence.put("earlierIncidentId", earlier.incidentId().toString());
        recurrence.putArray("shared").addObject().put("category", "TECHNICAL").put("tag", "connection-pool");
        ArrayNode ids = recurrence.putArray("completedActionItemIds");
        for (UUID id : completed) {
            ids.add(id.toString());
        }
        data.put("actor", "fatima");
        data.put("occurredAt", "2026-04-10T10:00:01Z");
        return data.toString().getBytes(StandardCharsets.UTF_8);
    }
}
