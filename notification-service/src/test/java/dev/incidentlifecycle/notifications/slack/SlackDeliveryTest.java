package dev.incidentlifecycle.notifications.slack;

import dev.incidentlifecycle.notifications.Events;
import dev.incidentlifecycle.notifications.Receiver;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.notifications.Api.PROBLEM;
import static dev.incidentlifecycle.notifications.Api.admin;
import static dev.incidentlifecycle.notifications.Api.awaitDeliveries;
import static dev.incidentlifecycle.notifications.Api.status;
import static dev.incidentlifecycle.notifications.Api.subscribe;
import static dev.incidentlifecycle.notifications.Events.types;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "notifications"))
class SlackDeliveryTest {

    @Test
    void incident_declared_and_resolved_are_posted_as_block_kit_messages_with_absolute_links() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        try (Receiver slack = Receiver.start()) {
            JsonPath created = subscribe(slack.url("/services/T000/B000/XXXX"), "slack", types("incident.declared", "incident.resolved"),
                    Map.of("service", service));

            String incidentId = Events.declared(service, "SEV1");
            Events.resolved(incidentId);

            awaitDeliveries(created.getString("id"), 2, status("DELIVERED"));
            List<Receiver.Request> posted = slack.received();
            posted.forEach(request -> BlockKit.assertValidMessage(request.body()));
            // Deliveries are not ordered (two due at once are sent side by side): tell them apart by their header.
            JsonPath declared = posted.stream().map(r -> new JsonPath(r.body()))
                    .filter(m -> m.getString("blocks[0].text.text").contains("declared")).findFirst().orElseThrow();
            JsonPath resolved = posted.stream().map(r -> new JsonPath(r.body()))
                    .filter(m -> m.getString("blocks[0].text.text").contains("resolved")).findFirst().orElseThrow();
            assertThat(declared.getString("blocks[0].type")).isEqualTo("header");
            assertThat(declared.getString("text")).contains("Checkout fails for " + service);
            assertThat(declared.getList("blocks.find { it.type == 'actions' }.elements.url", String.class))
                    .containsExactly("http://127.0.0.1:8081/incidents/" + incidentId);
            // incident.resolved names no service or severity: the message has them from what incident.declared said.
            assertThat(resolved.getString("blocks[1].fields.text")).contains("SEV1").contains(service);
        }
    }

    @Test
    void an_overdue_action_item_is_posted_to_its_team_channel() {
        String team = "team-" + UUID.randomUUID().toString().substring(0, 8);
        try (Receiver slack = Receiver.start()) {
            JsonPath created = subscribe(slack.url("/services/T1/B1/YYYY"), "slack", types("action-item.overdue"), Map.of("team", team));

            String itemId = Events.overdueActionItem(team, "payments-api");
            Events.overdueActionItem("another-" + team, "payments-api");

            awaitDeliveries(created.getString("id"), 1, status("DELIVERED"));
            String body = slack.received().get(0).body();
            BlockKit.assertValidMessage(body);
            JsonPath message = new JsonPath(body);
            assertThat(message.getString("blocks[1].text.text")).contains("Alert on queue depth").contains("2026-03-01");
            assertThat(message.getList("blocks.find { it.type == 'actions' }.elements.url", String.class))
                    .containsExactly("http://127.0.0.1:8083/action-items/" + itemId);
        }
    }

    @Test
    void a_slack_subscription_takes_only_the_events_it_has_messages_for() {
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("targetUrl", "http://127.0.0.1:9/hook", "format", "slack", "eventTypes", List.of("incident.note-added")))
                .post("/subscriptions")
                .then().statusCode(400).contentType(PROBLEM);
    }
}
