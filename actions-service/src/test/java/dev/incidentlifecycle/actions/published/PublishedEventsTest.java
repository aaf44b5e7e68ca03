package dev.incidentlifecycle.actions.published;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.actions.AdjustableClock;
import dev.incidentlifecycle.actions.ReviewOutcomes;
import dev.incidentlifecycle.actions.ReviewOutcomes.Item;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;

import static dev.incidentlifecycle.actions.Api.admin;
import static dev.incidentlifecycle.actions.Api.awaitItem;
import static dev.incidentlifecycle.actions.Api.awaitVersion;
import static dev.incidentlifecycle.actions.Api.memberOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every event type goes out on action-item-events as a CloudEvent keyed by item id, valid against its schema. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "actions"))
class PublishedEventsTest {

    @Inject
    AdjustableClock clock;

    @AfterEach
    void systemTime() {
        clock.useSystemTime();
    }

    void command(UUID item, String team, String command, String body) {
        var request = given().auth().oauth2(memberOf(team));
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        request.post("/action-items/" + item + "/" + command).then().statusCode(200);
    }

    @Test
    void every_event_is_published_as_a_cloudevent_keyed_by_item_id_and_valid_against_its_schema() throws IOException {
        String team = "published-" + UUID.randomUUID().toString().substring(0, 8);
        Item worked = Item.of("Alert on payment queue depth", "DETECT", team);
        Item amended = Item.of("Write the pool-size runbook", "PROCESS", team);
        Item removed = Item.of("Rehearse the failover", "LEARN", team);
        ReviewOutcomes review = ReviewOutcomes.review().publishedAt(Instant.parse("2026-03-02T10:00:00Z")).with(worked, amended, removed);
        review.publish();
        awaitItem(removed.id());

        clock.set(Instant.parse("2026-03-03T09:00:00Z"));
        command(worked.id(), team, "start", null);
        command(worked.id(), team, "tracker-link", "{\"url\": \"https://github.com/acme/payments/issues/12\"}");
        command(worked.id(), team, "reassign", "{\"owner\": \"bo\", \"reason\": \"Bo knows the queue\"}");
        command(worked.id(), team, "due-date", "{\"dueDate\": \"2026-05-01\", \"reason\": \"After the queue migration\"}");
        command(worked.id(), team, "complete", "{\"resolutionNote\": \"Alert at depth > 10k\", \"link\": \"https://github.com/acme/payments/pull/13\"}");
        command(worked.id(), team, "reopen", "{\"reason\": \"The alert did not fire in the drill\"}");
        command(worked.id(), team, "wont-do", "{\"justification\": \"The queue is replaced in May\"}");
        review.items(worked, amended.titled("Write and rehearse the pool-size runbook")).amend(Instant.parse("2026-03-04T10:00:00Z"));
        awaitVersion(removed.id(), 2);
        clock.set(Instant.parse("2026-05-02T10:00:00Z"));
        given().auth().oauth2(admin()).post("/admin/overdue-sweep").then().statusCode(200);

        try (KafkaTopic topic = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "action-item-events")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.poll().withKey(worked.idText()).size() == 8
                    && topic.poll().withKey(amended.idText()).size() == 3 && topic.poll().withKey(removed.idText()).size() == 2);

            Set<String> types = new HashSet<>();
            Set<String> ids = new HashSet<>();
            for (Item item : List.of(worked, amended, removed)) {
                List<ConsumerRecord<String, byte[]>> records = topic.poll().withKey(item.idText());
                assertThat(records).extracting(r -> Long.parseLong(KafkaTopic.header(r, "ce_sequence")))
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, records.size()).boxed().toList());
                for (ConsumerRecord<String, byte[]> record : records) {
                    String type = KafkaTopic.header(record, "ce_type");
                    assertThat(KafkaTopic.header(record, "ce_specversion")).isEqualTo("1.0");
                    assertThat(KafkaTopic.header(record, "ce_source")).isEqualTo("/actions-service");
                    assertThat(KafkaTopic.header(record, "ce_subject")).isEqualTo(item.idText());
                    assertThat(KafkaTopic.header(record, "ce_time")).isNotBlank();
                    // Version 2 of every type since items by hand for incidents without review: reviewId may be null.
                    assertThat(KafkaTopic.header(record, "ce_dataversion")).isEqualTo("2");
                    assertThat(KafkaTopic.header(record, "content-type")).isEqualTo("application/json");
                    assertThat(ids.add(KafkaTopic.header(record, "ce_id"))).as("each event id once").isTrue();
                    JsonNode payload = EventJson.mapper().readTree(record.value());
                    assertThat(payload.get("actionItemId").asText()).isEqualTo(item.idText());
                    assertThat(EventSchemas.violations(type, 2, payload)).as(type + " " + payload).isEmpty();
                    assertThat(payload.get("reviewId").asText()).as("an item of a review names it").isEqualTo(review.reviewId().toString());
                    types.add(type);
                }
            }
            assertThat(types).containsExactlyInAnyOrder("action-item.created", "action-item.started",
                    "action-item.tracker-linked", "action-item.reassigned", "action-item.due-date-changed",
                    "action-item.completed", "action-item.reopened", "action-item.wont-do", "action-item.amended",
                    "action-item.removed", "action-item.overdue");
            assertThat(topic.poll().withKey(worked.idText())).extracting(r -> KafkaTopic.header(r, "ce_actor"))
                    .contains("fatima", "ana-" + team);
        }
    }
}
