package dev.incidentlifecycle.incidents.review;

import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Incidents close without a review's follow-up: a SEV4 (no review) once resolved, one whose review was declined or
 * cancelled, and by hand with a reason, which an open required review refuses unless the caller is an admin.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class ClosingTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String ADMIN = Tokens.forUser("robin").roles("admin").sign();

    static String resolvedIncident(String severity) {
        String id = declare("Stale caches", severity, unique("cache")).getString("id");
        command(id, "resolve", null, null).then().statusCode(200);
        return id;
    }

    static ProducerRecord<String, byte[]> scheduled(String reviewId, String incidentId, String requirement) {
        return cloudEvent("review-events", reviewId, UUID.randomUUID().toString(), "review.scheduled", "/review-service",
                "{\"reviewId\":\"" + reviewId + "\",\"incidentId\":\"" + incidentId + "\",\"incidentNumber\":\"INC-1\","
                        + "\"severity\":\"SEV2\",\"service\":\"cache\",\"title\":\"Stale caches\",\"requirement\":\"" + requirement
                        + "\",\"dueAt\":\"2026-03-06T17:00:00Z\",\"facilitator\":\"fac.amara\",\"participants\":[],"
                        + "\"scheduledStart\":\"2026-03-04T10:00:00Z\",\"scheduledEnd\":\"2026-03-04T11:00:00Z\","
                        + "\"actor\":\"review-service\",\"occurredAt\":\"2026-03-02T10:00:00Z\"}");
    }

    static ProducerRecord<String, byte[]> ended(String type, String reviewId, String incidentId) {
        return cloudEvent("review-events", reviewId, UUID.randomUUID().toString(), type, "/review-service",
                "{\"reviewId\":\"" + reviewId + "\",\"incidentId\":\"" + incidentId + "\",\"reason\":\"nothing new to learn\","
                        + "\"actor\":\"sam\",\"occurredAt\":\"2026-03-02T11:00:00Z\"}");
    }

    static String lastSentence(String id) {
        List<String> sentences = asReader().get("/incidents/" + id + "/timeline").then().statusCode(200)
                .extract().jsonPath().getList("sentence", String.class);
        return sentences.get(sentences.size() - 1);
    }

    static String closedCause(String id) {
        List<Map<String, Object>> events = asReader().get("/incidents/" + id + "/events").then().statusCode(200)
                .extract().jsonPath().getList("$");
        Map<String, Object> last = events.get(events.size() - 1);
        assertThat(last.get("type")).isEqualTo("incident.closed");
        return (String) ((Map<?, ?>) last.get("payload")).get("cause");
    }

    @Test
    void a_sev4_incident_closes_once_resolved() {
        String id = resolvedIncident("SEV4");
        await().atMost(WAIT).until(() -> "CLOSED".equals(incident(id).getString("status")));
        assertThat(closedCause(id)).isEqualTo("NO_REVIEW_NEEDED");
        assertThat(lastSentence(id)).isEqualTo("incident-service closed the incident: its severity needs no review");
    }

    @Test
    void a_sev2_incident_waits_for_its_review_and_closes_when_it_is_declined_or_cancelled() {
        String declined = resolvedIncident("SEV3");
        String cancelled = resolvedIncident("SEV2");
        String waiting = resolvedIncident("SEV2");
        String declinedReview = UUID.randomUUID().toString();
        String cancelledReview = UUID.randomUUID().toString();
        RealInfrastructure.produce(scheduled(declinedReview, declined, "SUGGESTED"),
                ended("review.declined", declinedReview, declined),
                scheduled(cancelledReview, cancelled, "REQUIRED"),
                ended("review.cancelled", cancelledReview, cancelled),
                scheduled(UUID.randomUUID().toString(), waiting, "REQUIRED"));

        await().atMost(WAIT).until(() -> "CLOSED".equals(incident(declined).getString("status"))
                && "CLOSED".equals(incident(cancelled).getString("status")));
        assertThat(closedCause(declined)).isEqualTo("REVIEW_DECLINED");
        assertThat(incident(declined).getString("reviewId")).isEqualTo(declinedReview);
        assertThat(closedCause(cancelled)).isEqualTo("REVIEW_CANCELLED");
        assertThat(lastSentence(cancelled)).isEqualTo("incident-service closed the incident: its review was cancelled");
        assertThat(incident(waiting).getString("status")).isEqualTo("RESOLVED");
    }

    @Test
    void a_person_closes_with_a_reason() {
        String id = resolvedIncident("SEV3");
        command(id, "close", Map.of("reason", "duplicate of a test incident"), incident(id).getLong("version"))
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("CLOSED"));
        assertThat(closedCause(id)).isEqualTo("BY_HAND");
        assertThat(lastSentence(id)).isEqualTo("riley closed the incident: duplicate of a test incident");
        command(id, "reopen", Map.of("reason", "it is back"), null).then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void a_close_by_hand_is_refused_while_a_required_review_is_open_unless_by_an_admin() {
        String id = resolvedIncident("SEV1");
        String review = UUID.randomUUID().toString();
        RealInfrastructure.produce(scheduled(review, id, "REQUIRED"));
        await().atMost(WAIT).until(() -> command(id, "close", Map.of("reason", "done"), null).statusCode() == 409);
        command(id, "close", Map.of("reason", "done"), null).then().statusCode(409).contentType(PROBLEM)
                .body("detail", org.hamcrest.Matchers.containsString("required review (" + review + ") that is still open"));
        command(id, "close", Map.of(), null).then().statusCode(400).contentType(PROBLEM);

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("reason", "test incident"))
                .post("/incidents/" + id + "/close").then().statusCode(200);
        assertThat(incident(id).getString("status")).isEqualTo("CLOSED");
    }

    @Test
    void an_open_incident_cannot_be_closed() {
        String id = declare("Still burning", "SEV3", unique("fire")).getString("id");
        command(id, "close", Map.of("reason", "tired"), null).then().statusCode(409).contentType(PROBLEM);
    }
}
