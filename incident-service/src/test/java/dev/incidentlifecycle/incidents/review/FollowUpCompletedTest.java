package dev.incidentlifecycle.incidents.review;

import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.incidents.Http.PROBLEM;
import static dev.incidentlifecycle.incidents.Http.asReader;
import static dev.incidentlifecycle.incidents.Http.cloudEvent;
import static dev.incidentlifecycle.incidents.Http.command;
import static dev.incidentlifecycle.incidents.Http.declare;
import static dev.incidentlifecycle.incidents.Http.incident;
import static dev.incidentlifecycle.incidents.Http.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** review.follow-up-completed on review-events closes the reviewed incident. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class FollowUpCompletedTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    static ProducerRecord<String, byte[]> reviewEvent(String key, String type, String reviewId, String incidentId) {
        return cloudEvent("review-events", key, UUID.randomUUID().toString(), type, "/review-service",
                "{\"reviewId\":\"" + reviewId + "\",\"incidentId\":\"" + incidentId + "\",\"incidentNumber\":\"INC-1\","
                        + "\"actionItemIds\":[\"" + UUID.randomUUID() + "\"],\"occurredAt\":\"2026-03-02T10:00:00Z\"}");
    }

    static String resolvedIncident() {
        String id = declare("Stale caches", "SEV2", unique("cache")).getString("id");
        command(id, "resolve", null, null).then().statusCode(200);
        return id;
    }

    @Test
    void the_incident_is_closed_with_the_event_in_its_timeline() {
        String id = resolvedIncident();
        String reviewId = UUID.randomUUID().toString();
        RealInfrastructure.produce(reviewEvent(reviewId, "review.published", reviewId, id),
                reviewEvent(reviewId, "review.follow-up-completed", reviewId, id));

        await().atMost(WAIT).until(() -> "CLOSED".equals(incident(id).getString("status")));
        JsonPath closed = incident(id);
        assertThat(closed.getString("reviewId")).isEqualTo(reviewId);
        assertThat(closed.getString("closedAt")).isNotNull();
        JsonPath timeline = asReader().get("/incidents/" + id + "/timeline").then().statusCode(200).extract().jsonPath();
        List<String> types = timeline.getList("type");
        assertThat(types.get(types.size() - 1)).isEqualTo("incident.closed");
        assertThat(timeline.getList("sentence", String.class))
                .contains("review-service closed the incident: the review's follow-up is complete");
        JsonPath events = asReader().get("/incidents/" + id + "/events").then().extract().jsonPath();
        assertThat(events.getString("[2].payload.reviewId")).isEqualTo(reviewId);

        // Nothing changes a closed incident.
        command(id, "reopen", Map.of("reason", "one more thing"), null).then().statusCode(409).contentType(PROBLEM);
        command(id, "notes", Map.of("text", "late note"), null).then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void an_incident_reopened_since_is_not_closed_and_the_next_events_are_handled() {
        String reopened = resolvedIncident();
        command(reopened, "reopen", Map.of("reason", "came back"), null).then().statusCode(200);
        String other = resolvedIncident();
        String key = UUID.randomUUID().toString();
        // One key, one partition: the second is handled after the first was refused and acknowledged.
        RealInfrastructure.produce(reviewEvent(key, "review.follow-up-completed", UUID.randomUUID().toString(), reopened),
                reviewEvent(key, "review.follow-up-completed", UUID.randomUUID().toString(), other));
        await().atMost(WAIT).until(() -> "CLOSED".equals(incident(other).getString("status")));
        assertThat(incident(reopened).getString("status")).isEqualTo("INVESTIGATING");
    }

    @Test
    void a_follow_up_without_a_usable_incident_id_goes_to_the_dead_letter_topic() {
        String key = UUID.randomUUID().toString();
        try (KafkaTopic dlq = KafkaTopic.readFromStart("review-events.dlq")) {
            RealInfrastructure.produce(reviewEvent(key, "review.follow-up-completed", UUID.randomUUID().toString(), "INC-12"));
            await().atMost(WAIT).until(() -> dlq.poll().withKey(key).size() == 1);
            assertThat(KafkaTopic.header(dlq.withKey(key).get(0), "dead-letter-reason")).contains("incidentId").contains("not a UUID");
        }
    }
}
