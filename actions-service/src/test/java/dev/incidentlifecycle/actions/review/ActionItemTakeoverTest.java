package dev.incidentlifecycle.actions.review;

import dev.incidentlifecycle.actions.ReviewOutcomes;
import dev.incidentlifecycle.actions.ReviewOutcomes.Item;
import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.actions.Api.awaitItem;
import static dev.incidentlifecycle.actions.Api.eventTypes;
import static dev.incidentlifecycle.actions.Api.get;
import static dev.incidentlifecycle.actions.Api.item;
import static dev.incidentlifecycle.actions.Api.memberOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cross-team takeover, played over review-events and the action-item API: team search's review lists team
 * payments' action item (same id), makes itself the owner, and tries to close it. Refused: the outcome goes to
 * review-events.dlq with the reason, and the item stays payments'.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "actions"))
class ActionItemTakeoverTest {

    static final Instant PUBLISHED = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void another_teams_review_cannot_take_over_an_item_by_publishing_or_amending_its_id() {
        String payments = "payments-" + UUID.randomUUID().toString().substring(0, 8);
        String search = "search-" + UUID.randomUUID().toString().substring(0, 8);
        Item victim = Item.of("Alert on payment queue depth", "DETECT", payments);
        ReviewOutcomes paymentsReview = ReviewOutcomes.review().publishedAt(PUBLISHED).with(victim);
        paymentsReview.publish();
        awaitItem(victim.id());

        Item claimed = new Item(victim.id(), victim.title(), victim.type(), search, null, victim.priority(), null);
        Item own = Item.of("Rehearse the search failover", "LEARN", search);
        ReviewOutcomes searchReview = ReviewOutcomes.review().publishedAt(PUBLISHED).with(own, claimed);
        String key = searchReview.reviewId().toString();
        try (KafkaTopic dlq = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "review-events.dlq")) {
            // Search's review lists payments' item as search's: first in its publication, then in an amendment.
            searchReview.publish();
            searchReview.amend(PUBLISHED.plusSeconds(3600));
            // A later amendment under the same key (same partition) proves the two above were handled.
            Item marker = Item.of("Marker", "LEARN", search);
            searchReview.items(own, marker).amend(PUBLISHED.plusSeconds(7200));
            awaitItem(marker.id());

            await().atMost(Duration.ofSeconds(30)).until(() -> dlq.poll().withKey(key).size() == 2);
            List<ConsumerRecord<String, byte[]>> dead = dlq.poll().withKey(key);
            assertThat(dead).extracting(r -> KafkaTopic.header(r, "dead-letter-reason")).allSatisfy(reason ->
                    assertThat(reason).contains("action item " + victim.id() + " belongs to review "
                            + paymentsReview.reviewId()));
        }

        JsonPath unchanged = item(victim.id());
        assertThat(unchanged.getString("ownerTeam")).isEqualTo(payments);
        assertThat(unchanged.getString("reviewId")).isEqualTo(paymentsReview.reviewId().toString());
        assertThat(unchanged.getString("status")).isEqualTo("OPEN");
        assertThat(eventTypes(victim.id())).containsExactly("action-item.created");
        given().auth().oauth2(memberOf(search)).contentType("application/json")
                .body(Map.of("resolutionNote", "done by search"))
                .post("/action-items/" + victim.id() + "/complete").then().statusCode(403);
        assertThat(item(victim.id()).getString("status")).isEqualTo("OPEN");
        List<Map<String, Object>> searchItems = get("/action-items?review=" + searchReview.reviewId() + "&size=200")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(searchItems).extracting(i -> i.get("id")).doesNotContain(victim.id().toString());
    }
}
