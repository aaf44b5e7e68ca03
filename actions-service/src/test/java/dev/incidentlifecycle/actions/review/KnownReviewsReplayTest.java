package dev.incidentlifecycle.actions.review;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentlifecycle.actions.ReviewOutcomes;
import dev.incidentlifecycle.actions.ReviewOutcomes.Item;
import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.incidentlifecycle.actions.Api.PROBLEM;
import static dev.incidentlifecycle.actions.Api.admin;
import static dev.incidentlifecycle.actions.Api.awaitItem;
import static dev.incidentlifecycle.actions.Api.memberOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;

/** The copy of known reviews, built from review-events, dropped and rebuilt by replaying the topic: equal. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "actions"))
class KnownReviewsReplayTest {

    static List<List<Object>> knownReviews() throws SQLException {
        try (Connection connection = RealInfrastructure.postgres().connect("actions");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select * from known_review order by review_id")) {
            ResultSetMetaData columns = rows.getMetaData();
            List<List<Object>> all = new ArrayList<>();
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    row.add(rows.getObject(i));
                }
                all.add(row);
            }
            return all;
        }
    }

    static void dropKnownReviews() throws SQLException {
        try (Connection connection = RealInfrastructure.postgres().connect("actions");
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from known_review");
        }
    }

    static int create(String team, UUID reviewId) {
        return given().auth().oauth2(Tokens.forUser("rosa").roles("responder").teams(team).sign()).contentType(ContentType.JSON)
                .body("{\"reviewId\": \"" + reviewId + "\", \"title\": \"Alert on pool saturation\", \"type\": \"DETECT\", "
                        + "\"ownerTeam\": \"" + team + "\", \"priority\": \"P2\"}")
                .post("/action-items").statusCode();
    }

    @Test
    void the_copy_dropped_and_rebuilt_from_review_events_equals_the_original() throws SQLException {
        String team = "replay-" + UUID.randomUUID().toString().substring(0, 8);
        ReviewOutcomes rerated = ReviewOutcomes.review().publishedAt(Instant.parse("2026-03-02T10:00:00Z"));
        ReviewOutcomes cancelled = ReviewOutcomes.review().publishedAt(Instant.parse("2026-03-03T10:00:00Z"));
        String scheduled = rerated.schedule();
        rerated.changeSeverity("SEV2");
        // A sender's repeat (same id) after the change, and records the consumer dead-letters: none changes the copy.
        rerated.severity("SEV1");
        ReviewOutcomes.send(rerated.record("review.scheduled", scheduled, rerated.scheduledData(), Instant.parse("2026-03-02T10:00:00Z")));
        rerated.severity("SEV2");
        ReviewOutcomes.send(new ProducerRecord<>(ReviewOutcomes.TOPIC, rerated.reviewId().toString(),
                "not json".getBytes(StandardCharsets.UTF_8)));
        ObjectNode withoutSeverity = rerated.scheduledData();
        withoutSeverity.remove("severity");
        ReviewOutcomes.send(rerated.record("review.scheduled", UUID.randomUUID().toString(), withoutSeverity,
                Instant.parse("2026-03-02T11:00:00Z")));
        cancelled.schedule();
        ObjectNode cancellation = cancelled.scheduledData();
        cancellation.retain("reviewId", "incidentId");
        cancellation.put("reason", "A duplicate").put("actor", "fatima").put("occurredAt", "2026-03-04T10:00:00Z");
        ReviewOutcomes.send(cancelled.record("review.cancelled", UUID.randomUUID().toString(), cancellation,
                Instant.parse("2026-03-04T10:00:00Z")));
        // Each review's key keeps its partition in order: once its outcome's item exists, the events before are handled.
        Item first = Item.of("Marker one", "LEARN", team);
        Item second = Item.of("Marker two", "LEARN", team);
        rerated.with(first).publish();
        cancelled.with(second).publish();
        awaitItem(first.id());
        awaitItem(second.id());
        assertThat(create(team, rerated.reviewId())).isEqualTo(201);

        List<List<Object>> before = knownReviews();
        assertThat(before).anySatisfy(row -> {
            assertThat(row.get(0)).isEqualTo(rerated.reviewId());
            assertThat(row.get(3)).isEqualTo("SEV2");
        });
        assertThat(before).anySatisfy(row -> {
            assertThat(row.get(0)).isEqualTo(cancelled.reviewId());
            assertThat(row.get(5)).isEqualTo(true);
        });

        dropKnownReviews();
        assertThat(create(team, rerated.reviewId())).isEqualTo(404);

        given().auth().oauth2(memberOf(team)).post("/admin/topic-read-models/known-reviews/replay").then().statusCode(403);
        given().auth().oauth2(admin()).post("/admin/topic-read-models/nothing/replay").then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(admin()).post("/admin/topic-read-models/known-reviews/replay").then().statusCode(200)
                .body("readModel", equalTo("known-reviews"), "topics", contains("review-events"),
                        "rows", equalTo(before.size()), "recordsRead", greaterThanOrEqualTo(9));

        assertThat(knownReviews()).isEqualTo(before);
        assertThat(create(team, rerated.reviewId())).isEqualTo(201);
        given().auth().oauth2(admin()).get("/admin/topic-read-models").then().statusCode(200).body("$", hasItems("known-incidents", "known-reviews"));
    }

    @Test
    void the_consumer_goes_on_during_and_after_a_replay() {
        String team = "replay-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(admin()).post("/admin/topic-read-models/known-reviews/replay").then().statusCode(200);
        ReviewOutcomes later = ReviewOutcomes.review();
        later.schedule();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> create(team, later.reviewId()) == 201);
    }
}
