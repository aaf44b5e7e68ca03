package dev.incidentlifecycle.notifications.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentlifecycle.notifications.Events;
import dev.incidentlifecycle.notifications.Receiver;
import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.notifications.Api.awaitDeliveries;
import static dev.incidentlifecycle.notifications.Api.status;
import static dev.incidentlifecycle.notifications.Api.subscribe;
import static dev.incidentlifecycle.notifications.Events.types;
import static dev.incidentlifecycle.testing.KafkaTopic.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The versions of action-item events subscribers are told of, on the real broker and database: version 1 (stored before
 * version 2) and version 2 (reviewId null for an item of no review) are delivered as published, the body's dataversion
 * saying which; a version this service does not know is dead-lettered with the version in its reason, and nobody is
 * told of it.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "notifications"))
class ActionItemEventVersionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void versions_1_and_2_are_delivered_and_version_3_is_dead_lettered() throws IOException {
        String team = "versions-" + UUID.randomUUID().toString().substring(0, 8);
        try (Receiver receiver = Receiver.start();
             KafkaTopic dlq = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "action-item-events.dlq")) {
            String subscription = subscribe(receiver.url("/hook"), "standard-webhooks",
                    types("action-item.created", "action-item.overdue"), Map.of("team", team)).getString("id");

            String ofReview = Events.overdueActionItem(team, "payments-api");
            String byHand = Events.overdueActionItem(team, "payments-api", null, 2);
            String unknown = UUID.randomUUID().toString();
            Map<String, Object> later = new LinkedHashMap<>();
            later.put("actionItemId", unknown);
            later.put("ownerTeam", team);
            later.put("occurredAt", Instant.now().toString());
            Events.publish("action-item-events", "action-item.overdue", unknown, later, 3);

            awaitDeliveries(subscription, 4, status("DELIVERED"));
            await().atMost(Duration.ofSeconds(60)).until(() -> dlq.poll().withKey(unknown).size() == 1);
            assertThat(header(dlq.withKey(unknown).get(0), "dead-letter-reason"))
                    .contains("version 3 of action-item.overdue is unknown here (known: 1 to 2)");

            Map<String, JsonNode> toldOf = new LinkedHashMap<>();
            Map<String, Integer> dataVersions = new LinkedHashMap<>();
            for (Receiver.Request request : receiver.received()) {
                JsonNode body = JSON.readTree(request.body());
                String told = body.at("/data/actionItemId").asText() + " " + body.path("type").asText();
                toldOf.put(told, body.path("data"));
                dataVersions.put(told, body.path("dataversion").asInt());
            }
            assertThat(toldOf.keySet()).containsExactlyInAnyOrder(ofReview + " action-item.created", ofReview + " action-item.overdue",
                    byHand + " action-item.created", byHand + " action-item.overdue");
            assertThat(List.of(toldOf.get(byHand + " action-item.created"), toldOf.get(byHand + " action-item.overdue")))
                    .allSatisfy(data -> assertThat(data.get("reviewId").isNull()).isTrue());
            assertThat(toldOf.get(ofReview + " action-item.overdue").get("reviewId").isTextual()).isTrue();
            // The body says which version of its type's schema the data follows: the version it was published with.
            assertThat(dataVersions).containsOnly(Map.entry(ofReview + " action-item.created", 1), Map.entry(ofReview + " action-item.overdue", 1),
                    Map.entry(byHand + " action-item.created", 2), Map.entry(byHand + " action-item.overdue", 2));
        }
    }
}
