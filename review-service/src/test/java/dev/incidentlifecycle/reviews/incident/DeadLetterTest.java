package dev.incidentlifecycle.reviews.incident;

import dev.incidentlifecycle.reviews.testing.ActionItemStory;
import dev.incidentlifecycle.reviews.testing.Api;
import dev.incidentlifecycle.reviews.testing.IncidentStory;
import dev.incidentlifecycle.reviews.testing.TestClock;
import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.incidentlifecycle.testing.KafkaTopic.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Records no retry can handle go to {@code <topic>.dlq} with their reason; the records after them are handled. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class DeadLetterTest {

    @Inject
    TestClock clock;

    @Test
    void poison_incident_events_are_dead_lettered_and_the_incident_is_still_reviewed() {
        IncidentStory incident = IncidentStory.about("Image uploads rejected", "media");
        String key = incident.id().toString();
        Instant at = clock.instant();
        try (KafkaTopic dlq = KafkaTopic.readFromStart("incident-events.dlq")) {
            RealInfrastructure.produce(
                    new ProducerRecord<>("incident-events", key, "this is not json".getBytes(StandardCharsets.UTF_8)),
                    cloudEvent("incident-events", key, "incident.resolved", "{\"incidentId\": \"not-a-uuid\"}"),
                    cloudEvent("incident-events", key, "incident.declared", "{\"incidentId\": \"" + key + "\", \"title\": \"no number\"}"),
                    new ProducerRecord<>("incident-events", key, ("{\"incidentId\": \"" + key + "\"}").getBytes(StandardCharsets.UTF_8)),
                    incident.declared("SEV2", "kim", "kim", at.minusSeconds(60)),
                    incident.resolved("kim", at));

            Api.awaitReviewOf(incident.id());
            await().atMost(Duration.ofSeconds(60)).until(() -> dlq.poll().withKey(key).size() == 4);
            List<String> reasons = dlq.withKey(key).stream().map(r -> header(r, "dead-letter-reason")).toList();
            assertThat(reasons).satisfiesExactly(
                    r -> assertThat(r).contains("not JSON"),
                    r -> assertThat(r).contains("does not fit"),
                    r -> assertThat(r).contains("without a number or severity"),
                    r -> assertThat(r).contains("no ce_type"));
            ConsumerRecord<String, byte[]> first = dlq.withKey(key).get(0);
            assertThat(KafkaTopic.value(first)).isEqualTo("this is not json");
        }
    }

    @Test
    void poison_action_item_events_are_dead_lettered() {
        String key = UUID.randomUUID().toString();
        try (KafkaTopic dlq = KafkaTopic.readFromStart("action-item-events.dlq")) {
            // First, in the key's order, what is skipped and not dead-lettered: an item of a review this service never
            // held, and one of no review (created by hand for an incident that had none). Had either been dead-lettered,
            // it would come first.
            RealInfrastructure.produce(
                    ActionItemStory.completed(UUID.fromString(key), UUID.randomUUID(), "pat", clock.instant()),
                    cloudEvent("action-item-events", key, "action-item.completed", "{\"actionItemId\": \"" + key
                            + "\", \"reviewId\": null, \"by\": \"pat\", \"occurredAt\": \"" + clock.instant() + "\"}"),
                    cloudEvent("action-item-events", key, "action-item.completed", "{\"actionItemId\": \"" + key + "\"}"),
                    cloudEvent("action-item-events", key, "action-item.wont-do", "[1, 2, 3]"));
            await().atMost(Duration.ofSeconds(60)).until(() -> dlq.poll().withKey(key).size() == 2);
            assertThat(dlq.withKey(key).stream().map(r -> header(r, "dead-letter-reason")).toList()).satisfiesExactly(
                    r -> assertThat(r).contains("without a reviewId"),
                    r -> assertThat(r).contains("not a JSON object"));
        }
    }

    private static ProducerRecord<String, byte[]> cloudEvent(String topic, String key, String type, String json) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", "/test".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, key, json.getBytes(StandardCharsets.UTF_8), headers);
    }
}
