package dev.incidentlifecycle.actions.published;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent;
import dev.incidentlifecycle.actions.actionitem.ActionItemOrigin;
import dev.incidentlifecycle.actions.actionitem.ActionItemType;
import dev.incidentlifecycle.actions.actionitem.Priority;
import dev.incidentlifecycle.actions.actionitem.Severity;
import dev.incidentlifecycle.actions.actionitem.store.ActionItemAggregate;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static dev.incidentlifecycle.actions.Api.admin;
import static dev.incidentlifecycle.actions.Api.memberOf;
import static dev.incidentlifecycle.actions.Api.reader;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Events stored as version 1, before every action-item event type moved to version 2, against the real database and
 * broker: they are still read (the read model rebuilt from the log, a command decided on the stream), new events of the
 * same item are version 2, and the relay publishes each as the version it was stored with.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "actions"))
class EventVersionsTest {

    @Test
    void an_item_stored_as_version_1_is_still_read_and_its_events_go_out_as_the_version_they_were_stored_with()
            throws SQLException, IOException {
        String team = "versions-" + UUID.randomUUID().toString().substring(0, 8);
        UUID item = UUID.randomUUID();
        UUID review = UUID.randomUUID();
        ActionItemEvent.Created created = new ActionItemEvent.Created(item, review, UUID.randomUUID(), "INC-7", Severity.SEV2,
                "checkout", "Alert on checkout p99 latency", ActionItemType.DETECT, team, null, Priority.P2,
                LocalDate.parse("2031-01-01"), false, "fatima", Instant.parse("2026-03-02T10:00:00Z"), ActionItemOrigin.REVIEW);
        storeAsVersion1(created);

        // Past the projection, as an older actions-service wrote it: the rebuild reads it from the log.
        given().auth().oauth2(admin()).post("/admin/read-models/action-items/rebuild").then().statusCode(200);
        given().auth().oauth2(reader()).get("/action-items/" + item).then().statusCode(200)
                .body("title", equalTo("Alert on checkout p99 latency"), "reviewId", equalTo(review.toString()),
                        "status", equalTo("OPEN"));
        given().auth().oauth2(memberOf(team)).post("/action-items/" + item + "/start").then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS"), "version", equalTo(2));
        assertThat(given().auth().oauth2(reader()).get("/action-items/" + item + "/events").then().statusCode(200)
                .extract().jsonPath().getList("typeVersion", Integer.class)).containsExactly(1, 2);

        try (KafkaTopic topic = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "action-item-events")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.poll().withKey(item.toString()).size() == 2);
            List<ConsumerRecord<String, byte[]>> records = topic.poll().withKey(item.toString());
            assertThat(records).extracting(r -> KafkaTopic.header(r, "ce_type") + " v" + KafkaTopic.header(r, "ce_dataversion"))
                    .containsExactly("action-item.created v1", "action-item.started v2");
            for (ConsumerRecord<String, byte[]> record : records) {
                JsonNode payload = EventJson.mapper().readTree(record.value());
                int version = Integer.parseInt(KafkaTopic.header(record, "ce_dataversion"));
                assertThat(EventSchemas.violations(KafkaTopic.header(record, "ce_type"), version, payload)).isEmpty();
            }
        }
    }

    private static void storeAsVersion1(ActionItemEvent.Created created) throws SQLException {
        try (Connection connection = RealInfrastructure.postgres().connect("actions");
             PreparedStatement insert = connection.prepareStatement("insert into event_log (event_id, stream_type, stream_id, "
                     + "stream_version, event_type, event_version, payload, actor, occurred_at, recorded_at) values "
                     + "(gen_random_uuid(), ?, ?, 1, ?, 1, cast(? as jsonb), 'fatima', now(), now())")) {
            insert.setString(1, ActionItemAggregate.STREAM_TYPE);
            insert.setString(2, ActionItemAggregate.STREAM_TYPE + "-" + ActionItemAggregate.aggregateId(created.actionItemId()));
            insert.setString(3, created.type());
            insert.setString(4, ActionItemAggregate.CODEC.encode(created));
            insert.executeUpdate();
        }
    }
}
