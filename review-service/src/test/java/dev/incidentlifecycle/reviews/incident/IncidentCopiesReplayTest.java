package dev.incidentlifecycle.reviews.incident;

import dev.incidentlifecycle.reviews.testing.Api;
import dev.incidentlifecycle.reviews.testing.IncidentStory;
import dev.incidentlifecycle.reviews.testing.TestClock;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.reviews.testing.Api.asAdmin;
import static dev.incidentlifecycle.reviews.testing.Api.asReviewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The copies of incidents and their timelines, built from incident-events, dropped and rebuilt by replaying the
 * topic: equal, and no review scheduled, held or rescheduled again.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class IncidentCopiesReplayTest {

    static final String PROBLEM = "application/problem+json";

    @Inject
    TestClock clock;

    static List<List<Object>> rows(String sql) throws SQLException {
        try (Connection connection = RealInfrastructure.postgres().connect("reviews");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<List<Object>> all = new ArrayList<>();
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.add(rows.getObject(i));
                }
                all.add(row);
            }
            return all;
        }
    }

    static void execute(String sql) throws SQLException {
        try (Connection connection = RealInfrastructure.postgres().connect("reviews");
             Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    static long count(String sql) throws SQLException {
        return ((Number) rows(sql).get(0).get(0)).longValue();
    }

    static Map<String, List<List<Object>>> copies() throws SQLException {
        return Map.of("incident", rows("select * from incident order by id"),
                "incident_timeline", rows("select * from incident_timeline order by entry_id"));
    }

    /** What only review-service's own decisions write: the replay must leave them as they are. */
    static List<Long> decisions() throws SQLException {
        return List.of(count("select count(*) from event_log"), count("select count(*) from review"),
                count("select count(*) from review where status = 'ON_HOLD'"));
    }

    @Test
    void the_copies_dropped_and_rebuilt_from_incident_events_equal_the_originals_and_no_review_is_made_again() throws SQLException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant declared = now.minus(Duration.ofHours(3));
        IncidentStory reviewed = IncidentStory.about("Checkout requests failing", "payments");
        IncidentStory minor = IncidentStory.about("Slow search suggestions", "search");
        ProducerRecord<String, byte[]> joined = reviewed.responderJoined("rita", declared.plusSeconds(60));
        RecordHeaders headers = new RecordHeaders();
        for (String[] header : new String[][]{{"ce_specversion", "1.0"}, {"ce_id", UUID.randomUUID().toString()},
                {"ce_source", "/test"}, {"ce_type", "incident.declared"}}) {
            headers.add(header[0], header[1].getBytes(StandardCharsets.UTF_8));
        }
        ProducerRecord<String, byte[]> withoutNumber = new ProducerRecord<>(IncidentStory.TOPIC, null, reviewed.id().toString(),
                ("{\"incidentId\": \"" + reviewed.id() + "\", \"title\": \"no number\"}").getBytes(StandardCharsets.UTF_8), headers);
        RealInfrastructure.produce(
                reviewed.declared("SEV1", "fac.amara", "alice", declared),
                joined,
                // A sender's repeat (same id) and records the consumer dead-letters: none changes the copies.
                IncidentStory.again(joined),
                new ProducerRecord<>(IncidentStory.TOPIC, reviewed.id().toString(), "not json".getBytes(StandardCharsets.UTF_8)),
                withoutNumber,
                reviewed.roleAssigned("COMMANDER", "fac.bo", "fac.amara", "fac.amara", declared.plusSeconds(120)),
                reviewed.noteAdded("Rolled back the connection pool change", "rita", declared.plusSeconds(180)),
                reviewed.edited("Checkout failing for card payments", "Card payments failed for 40 minutes", "payments", "alice",
                        declared.plusSeconds(240)),
                reviewed.resolved("fac.bo", now.minus(Duration.ofHours(2))),
                reviewed.reopened("fac.bo", "errors are back", now.minus(Duration.ofMinutes(90))),
                minor.declared("SEV4", "sam", "sam", declared),
                minor.acknowledged("sam", declared.plusSeconds(30)));
        String reviewId = Api.awaitReviewOf(reviewed.id()).getString("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> Api.review(reviewId).getString("status").equals("ON_HOLD")
                && count("select count(*) from incident where id = '" + minor.id() + "' and status = 'ACKNOWLEDGED'") == 1);

        Map<String, List<List<Object>>> before = copies();
        List<Long> decided = decisions();
        assertThat(rows("select review_id, status, severity, commander, responders, summary, notes from incident where id = '"
                + reviewed.id() + "'")).containsExactly(List.of(UUID.fromString(reviewId), "OPEN", "SEV1", "fac.bo",
                "[\"rita\",\"fac.amara\"]", "Card payments failed for 40 minutes", "Rolled back the connection pool change"));
        assertThat(count("select count(*) from incident_timeline where incident_id = '" + reviewed.id() + "'")).isEqualTo(7);

        execute("delete from incident_timeline");
        execute("delete from incident");

        asReviewer().post("/admin/topic-read-models/incidents/replay").then().statusCode(403).contentType(PROBLEM);
        asAdmin().post("/admin/topic-read-models/nothing/replay").then().statusCode(404).contentType(PROBLEM);
        asAdmin().post("/admin/topic-read-models/incidents/replay").then().statusCode(200)
                .body("readModel", equalTo("incidents"), "topics", contains("incident-events"),
                        "rows", equalTo(before.get("incident").size() + before.get("incident_timeline").size()));

        assertThat(copies()).isEqualTo(before);
        assertThat(decisions()).isEqualTo(decided);
        assertThat(Api.review(reviewId).getString("status")).isEqualTo("ON_HOLD");
        asAdmin().get("/admin/topic-read-models").then().statusCode(200).body("$", hasItem("incidents"));
    }

    @Test
    void the_consumer_goes_on_during_and_after_a_replay() {
        asAdmin().post("/admin/topic-read-models/incidents/replay").then().statusCode(200);
        IncidentStory later = IncidentStory.about("Queue backlog", "billing");
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        RealInfrastructure.produce(later.declared("SEV1", "sam", "sam", at.minus(Duration.ofHours(1))),
                later.resolved("sam", at));
        Api.awaitReviewOf(later.id());
    }
}
