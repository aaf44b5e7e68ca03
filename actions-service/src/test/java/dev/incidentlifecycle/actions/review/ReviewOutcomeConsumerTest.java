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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.actions.Api.awaitItem;
import static dev.incidentlifecycle.actions.Api.awaitVersion;
import static dev.incidentlifecycle.actions.Api.eventTypes;
import static dev.incidentlifecycle.actions.Api.get;
import static dev.incidentlifecycle.actions.Api.item;
import static dev.incidentlifecycle.actions.Api.memberOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "actions"))
class ReviewOutcomeConsumerTest {

    static final Instant PUBLISHED = Instant.parse("2026-03-02T10:00:00Z");

    static String team() {
        return "payments-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The review's items, as the list filtered by review shows them. */
    static List<Map<String, Object>> itemsOfReview(UUID reviewId) {
        return get("/action-items?review=" + reviewId + "&size=200").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    @Test
    void a_published_review_creates_its_items_with_sla_due_dates_unless_the_review_gives_one() {
        String team = team();
        Item detect = Item.of("Alert on payment queue depth", "DETECT", team).ownedBy("ana");
        Item process = Item.of("Write the pool-size runbook", "PROCESS", team);
        Item given = Item.of("Add the pool size to the config schema", "PREVENT", team).due(LocalDate.parse("2026-03-20"));
        ReviewOutcomes review = ReviewOutcomes.review().severity("SEV1").publishedAt(PUBLISHED).with(detect, process, given);

        review.publish();

        JsonPath first = awaitItem(detect.id());
        assertThat(first.getString("reviewId")).isEqualTo(review.reviewId().toString());
        assertThat(first.getString("incidentId")).isEqualTo(review.incidentId().toString());
        assertThat(first.getString("incidentNumber")).isEqualTo(review.incidentNumber());
        assertThat(first.getString("title")).isEqualTo("Alert on payment queue depth");
        assertThat(first.getString("type")).isEqualTo("DETECT");
        assertThat(first.getString("ownerTeam")).isEqualTo(team);
        assertThat(first.getString("owner")).isEqualTo("ana");
        assertThat(first.getString("priority")).isEqualTo("P2");
        assertThat(first.getString("status")).isEqualTo("OPEN");
        assertThat(first.getLong("version")).isEqualTo(1);
        // SEV1: prevent and detect items in 30 days, the others in 60, counted from publication.
        assertThat(first.getString("dueDate")).isEqualTo("2026-04-01");
        assertThat(first.getBoolean("dueDateFromSla")).isTrue();
        assertThat(first.getString("createdAt")).isEqualTo("2026-03-02T10:00:00Z");
        assertThat(awaitItem(process.id()).getString("dueDate")).isEqualTo("2026-05-01");
        JsonPath dated = awaitItem(given.id());
        assertThat(dated.getString("dueDate")).isEqualTo("2026-03-20");
        assertThat(dated.getBoolean("dueDateFromSla")).isFalse();

        assertThat(itemsOfReview(review.reviewId())).hasSize(3);
        assertThat(eventTypes(detect.id())).containsExactly("action-item.created");
        given().auth().oauth2(memberOf(team)).get("/action-items/" + detect.id() + "/events").then().statusCode(200)
                .body("[0].actor", org.hamcrest.Matchers.equalTo("fatima"))
                .body("[0].occurredAt", org.hamcrest.Matchers.equalTo("2026-03-02T10:00:00Z"))
                .body("[0].streamVersion", org.hamcrest.Matchers.equalTo(1))
                .body("[0].payload.itemType", org.hamcrest.Matchers.equalTo("DETECT"));
    }

    @Test
    void the_same_outcome_delivered_twice_creates_no_duplicates() {
        String team = team();
        Item one = Item.of("Alert on payment queue depth", "DETECT", team);
        Item two = Item.of("Rehearse the failover", "LEARN", team);
        ReviewOutcomes review = ReviewOutcomes.review().with(one, two);

        String eventId = review.publish();
        review.publishAgain(eventId);      // a redelivery of the same CloudEvent: the inbox stops it
        review.publish();                  // the same outcome published again under a new id: creation is idempotent
        // A later item of the same review (same key, same partition) proves the three were handled before it.
        Item marker = Item.of("Marker", "LEARN", team);
        ReviewOutcomes.send(review.record("review.amended", UUID.randomUUID().toString(),
                review.with(marker).amendedData(PUBLISHED.plusSeconds(60)), PUBLISHED.plusSeconds(60)));

        awaitItem(marker.id());
        assertThat(itemsOfReview(review.reviewId())).hasSize(3);
        assertThat(eventTypes(one.id())).containsExactly("action-item.created");
        assertThat(eventTypes(two.id())).containsExactly("action-item.created");
    }

    @Test
    void an_amendment_changes_adds_and_removes_items_and_keeps_their_history() {
        String team = team();
        Item kept = Item.of("Alert on payment queue depth", "DETECT", team);
        Item changed = Item.of("Write the pool-size runbook", "PROCESS", team);
        Item dropped = Item.of("Rehearse the failover", "LEARN", team);
        ReviewOutcomes review = ReviewOutcomes.review().publishedAt(PUBLISHED).with(kept, changed, dropped);
        review.publish();
        awaitItem(dropped.id());

        Item added = Item.of("Load-test the pool", "MITIGATE", team);
        Item changedNow = changed.titled("Write and rehearse the pool-size runbook").withPriority("P1");
        review.items(kept, changedNow, added).amend(Instant.parse("2026-03-09T10:00:00Z"));

        JsonPath amended = awaitVersion(changed.id(), 2);
        assertThat(amended.getString("title")).isEqualTo("Write and rehearse the pool-size runbook");
        assertThat(amended.getString("priority")).isEqualTo("P1");
        assertThat(amended.getString("status")).isEqualTo("OPEN");
        JsonPath removed = awaitVersion(dropped.id(), 2);
        assertThat(removed.getString("status")).isEqualTo("WONT_DO");
        assertThat(removed.getBoolean("removed")).isTrue();
        assertThat(removed.getString("justification")).isEqualTo("removed from review by amendment");
        // The SLA of an item an amendment adds counts from the amendment: SEV1 mitigate, 60 days.
        assertThat(awaitItem(added.id()).getString("dueDate")).isEqualTo("2026-05-08");
        assertThat(item(kept.id()).getLong("version")).isEqualTo(1);

        assertThat(eventTypes(changed.id())).containsExactly("action-item.created", "action-item.amended");
        assertThat(eventTypes(dropped.id())).containsExactly("action-item.created", "action-item.removed");
        given().auth().oauth2(memberOf(team)).get("/action-items/" + changed.id() + "/events").then().statusCode(200)
                .body("[0].payload.title", org.hamcrest.Matchers.equalTo("Write the pool-size runbook"))
                .body("[1].payload.title", org.hamcrest.Matchers.equalTo("Write and rehearse the pool-size runbook"))
                .body("[1].payload.changed", org.hamcrest.Matchers.contains("TITLE", "PRIORITY"))
                .body("[1].occurredAt", org.hamcrest.Matchers.equalTo("2026-03-09T10:00:00Z"));
        assertThat(itemsOfReview(review.reviewId())).hasSize(4);
    }

    @Test
    void other_review_events_are_ignored() {
        ReviewOutcomes review = ReviewOutcomes.review().with(Item.of("Alert on payment queue depth", "DETECT", team()));
        ReviewOutcomes.send(review.record("review.scheduled", UUID.randomUUID().toString(), review.publishedData(), PUBLISHED));
        ReviewOutcomes.send(review.record("review.follow-up-completed", UUID.randomUUID().toString(), review.publishedData(), PUBLISHED));
        // Under the same key, so it is handled after the two above.
        Item marker = Item.of("Marker", "LEARN", team());
        ReviewOutcomes.send(review.record("review.published", UUID.randomUUID().toString(),
                ReviewOutcomes.review().with(marker).publishedData(), PUBLISHED));

        awaitItem(marker.id());
        assertThat(itemsOfReview(review.reviewId())).isEmpty();
    }

    @Test
    void poison_records_go_to_the_dead_letter_topic_with_their_reason_and_the_next_records_are_handled() {
        String team = team();
        ReviewOutcomes review = ReviewOutcomes.review().with(Item.of("Alert on payment queue depth", "DETECT", team));
        String key = review.reviewId().toString();
        try (KafkaTopic dlq = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "review-events.dlq")) {
            ReviewOutcomes.send(ReviewOutcomes.cloudEvent("review.published", UUID.randomUUID().toString(), key,
                    "this is not json".getBytes(StandardCharsets.UTF_8), PUBLISHED));
            var noReview = review.publishedData();
            noReview.remove("reviewId");
            ReviewOutcomes.send(review.record("review.published", UUID.randomUUID().toString(), noReview, PUBLISHED));
            var badSeverity = review.publishedData().put("severity", "SEV9");
            ReviewOutcomes.send(review.record("review.published", UUID.randomUUID().toString(), badSeverity, PUBLISHED));
            var untitled = review.publishedData();
            ((com.fasterxml.jackson.databind.node.ObjectNode) untitled.withArray("actionItems").get(0)).remove("title");
            ReviewOutcomes.send(review.record("review.published", UUID.randomUUID().toString(), untitled, PUBLISHED));
            Item marker = Item.of("Marker", "LEARN", team);
            ReviewOutcomes.send(review.record("review.published", UUID.randomUUID().toString(),
                    ReviewOutcomes.review().with(marker).publishedData(), PUBLISHED));

            awaitItem(marker.id());
            await().atMost(Duration.ofSeconds(30)).until(() -> dlq.poll().withKey(key).size() == 4);
            List<ConsumerRecord<String, byte[]>> dead = dlq.poll().withKey(key);
            assertThat(dead).extracting(r -> KafkaTopic.header(r, "dead-letter-reason")).satisfiesExactly(
                    reason -> assertThat(reason).contains("not JSON"),
                    reason -> assertThat(reason).contains("without reviewId"),
                    reason -> assertThat(reason).containsIgnoringCase("severity").contains("SEV9"),
                    reason -> assertThat(reason).contains("actionItems[0].title"));
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("this is not json");
            assertThat(itemsOfReview(review.reviewId())).isEmpty();
        }
    }
}
