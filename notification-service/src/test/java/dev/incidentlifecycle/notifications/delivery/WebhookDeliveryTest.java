package dev.incidentlifecycle.notifications.delivery;

import dev.incidentlifecycle.notifications.Events;
import dev.incidentlifecycle.notifications.Receiver;
import dev.incidentlifecycle.notifications.subscription.events.NoticeSchemas;
import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.incidentlifecycle.notifications.Api.admin;
import static dev.incidentlifecycle.notifications.Api.awaitDeliveries;
import static dev.incidentlifecycle.notifications.Api.deliveries;
import static dev.incidentlifecycle.notifications.Api.status;
import static dev.incidentlifecycle.notifications.Api.subscribe;
import static dev.incidentlifecycle.notifications.Api.subscription;
import static dev.incidentlifecycle.notifications.Events.types;
import static dev.incidentlifecycle.notifications.StandardWebhooksVerifier.verifies;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "notifications"))
class WebhookDeliveryTest {

    static String service() {
        return "svc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void a_matching_event_arrives_signed_per_standard_webhooks_and_others_do_not() {
        String service = service();
        try (Receiver receiver = Receiver.start()) {
            JsonPath created = subscribe(receiver.url("/hook"), "standard-webhooks", types("incident.declared"), Map.of("service", service));
            String secret = created.getString("secret");
            assertThat(secret).startsWith("whsec_");

            String incidentId = Events.declared(service, "SEV2");
            Events.declared(service(), "SEV2");        // another service: filtered out
            Events.resolved(incidentId);               // another type: not subscribed

            List<Map<String, Object>> log = awaitDeliveries(created.getString("id"), 1, status("DELIVERED"));
            Receiver.Request request = receiver.received().get(0);
            assertThat(receiver.received()).hasSize(1);
            assertThat(verifies(secret, request)).isTrue();
            assertThat(verifies("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]), request)).isFalse();
            assertThat(request.webhookId()).isEqualTo(log.get(0).get("webhookId")).startsWith("msg_");
            assertThat(Long.parseLong(request.timestamp())).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
            JsonPath body = new JsonPath(request.body());
            assertThat(body.getString("type")).isEqualTo("incident.declared");
            assertThat(body.getString("timestamp")).isNotBlank();
            assertThat(body.getInt("dataversion")).isEqualTo(1);
            assertThat(body.getString("data.incidentId")).isEqualTo(incidentId);
            assertThat(body.getString("data.service")).isEqualTo(service);
            assertThat(log.get(0)).containsEntry("attempts", 1).containsEntry("lastStatusCode", 204).containsEntry("eventType", "incident.declared");
            // The secret is shown once.
            assertThat(subscription(created.getString("id")).getString("secret")).isNull();
        }
    }

    @Test
    void a_failing_receiver_gets_retries_with_the_same_webhook_id_and_retry_after_is_honoured() {
        String service = service();
        try (Receiver receiver = Receiver.start()) {
            receiver.answer(500).answer(429, Map.of("Retry-After", "2")).answer(200);
            JsonPath created = subscribe(receiver.url("/flaky"), "standard-webhooks", types("incident.declared"), Map.of("service", service));

            Events.declared(service, "SEV1");

            List<Map<String, Object>> log = awaitDeliveries(created.getString("id"), 1, status("DELIVERED"));
            List<Receiver.Request> requests = receiver.received();
            assertThat(requests).hasSize(3);
            assertThat(requests).extracting(Receiver.Request::webhookId).containsOnly((String) log.get(0).get("webhookId"));
            assertThat(requests).allMatch(r -> verifies(created.getString("secret"), r));
            // 429 said "Retry-After: 2": the third attempt waited that long, although the back-off is a fraction of a second here.
            assertThat(Duration.between(requests.get(1).at(), requests.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
            assertThat(log.get(0)).containsEntry("attempts", 3).containsEntry("lastStatusCode", 200);
        }
    }

    @Test
    void a_4xx_is_a_final_failure_and_a_redelivery_sends_it_again_with_the_same_webhook_id() {
        String service = service();
        try (Receiver receiver = Receiver.start()) {
            receiver.answer(400);
            JsonPath created = subscribe(receiver.url("/strict"), "standard-webhooks", types("incident.declared"), Map.of("service", service));

            Events.declared(service, "SEV3");

            Map<String, Object> failed = awaitDeliveries(created.getString("id"), 1, status("FAILED")).get(0);
            assertThat(failed).containsEntry("attempts", 1).containsEntry("lastStatusCode", 400).containsEntry("lastError", "HTTP 400");
            assertThat(receiver.received()).hasSize(1);

            given().auth().oauth2(admin()).post("/deliveries/" + failed.get("id") + "/redeliver")
                    .then().statusCode(202).contentType(ContentType.JSON);

            Map<String, Object> delivered = awaitDeliveries(created.getString("id"), 1, status("DELIVERED")).get(0);
            assertThat(delivered).containsEntry("attempts", 2);
            assertThat(receiver.received()).hasSize(2).extracting(Receiver.Request::webhookId).containsOnly((String) failed.get("webhookId"));
            // The one delivery, with the body it sends.
            JsonPath one = given().auth().oauth2(admin()).get("/deliveries/" + failed.get("id")).then().statusCode(200).extract().jsonPath();
            assertThat(one.getString("body")).isEqualTo(receiver.received().get(1).body());
        }
    }

    @Test
    void a_subscription_failing_for_too_long_is_disabled_with_its_reason_is_told_of_once_and_then_receives_nothing() throws Exception {
        String service = service();
        try (Receiver receiver = Receiver.start(); KafkaTopic notices = KafkaTopic.readFromStart("notification-events")) {
            for (int i = 0; i < 100; i++) {
                receiver.answer(503);
            }
            JsonPath created = subscribe(receiver.url("/down"), "standard-webhooks", types("incident.declared"), Map.of("service", service));
            String id = created.getString("id");

            Events.declared(service, "SEV2");

            await().atMost(Duration.ofSeconds(60)).until(() -> subscription(id).getString("state").equals("DISABLED"));
            JsonPath disabled = subscription(id);
            assertThat(disabled.getString("disabledReason")).contains("every delivery failed").contains("HTTP 503");
            assertThat(disabled.getString("disabledAt")).isNotNull();
            int attempts = receiver.received().size();
            assertThat(attempts).isGreaterThan(1);

            // The second event is not recorded for a disabled subscription; a marker subscription, made before it is
            // sent, shows it was consumed.
            try (Receiver marker = Receiver.start()) {
                JsonPath markerSubscription = subscribe(marker.url("/marker"), "standard-webhooks", types("incident.declared"), Map.of("service", service));
                Events.declared(service, "SEV2");
                awaitDeliveries(markerSubscription.getString("id"), 1, status("DELIVERED"));
            }
            assertThat(deliveries(id, "").getInt("total")).isEqualTo(1);
            assertThat(receiver.received()).hasSize(attempts);

            // Whoever runs the receiver hears of it: webhook.subscription-disabled on notification-events, once.
            await().atMost(Duration.ofSeconds(60)).until(() -> !notices.poll().withKey(id).isEmpty());
            notices.poll();
            List<ConsumerRecord<String, byte[]>> told = notices.withKey(id);
            assertThat(told).hasSize(1);
            assertThat(KafkaTopic.header(told.get(0), "ce_type")).isEqualTo("webhook.subscription-disabled");
            assertThat(KafkaTopic.header(told.get(0), "ce_source")).isEqualTo("/notification-service");
            assertThat(KafkaTopic.header(told.get(0), "ce_subject")).isEqualTo(id);
            JsonPath notice = new JsonPath(KafkaTopic.value(told.get(0)));
            assertThat(notice.getString("subscriptionId")).isEqualTo(id);
            assertThat(notice.getString("format")).isEqualTo("standard-webhooks");
            assertThat(notice.getString("reason")).isEqualTo(disabled.getString("disabledReason"));
            assertThat(notice.getString("disabledAt")).isNotNull();
            assertThat(notice.getString("failingSince")).isNotNull();
            assertThat(KafkaTopic.value(told.get(0))).doesNotContain(receiver.url("/down"));
            assertThat(NoticeSchemas.violations("webhook.subscription-disabled", new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(KafkaTopic.value(told.get(0))))).isEmpty();
            // Redelivering to a disabled subscription is refused until it is enabled.
            String deliveryId = deliveries(id, "").getString("items[0].id");
            given().auth().oauth2(admin()).post("/deliveries/" + deliveryId + "/redeliver")
                    .then().statusCode(409).contentType("application/problem+json");
        }
    }

    @Test
    void a_receiver_that_is_down_for_a_while_still_gets_every_event_each_webhook_id_at_least_once() {
        String service = service();
        try (Receiver receiver = Receiver.start()) {
            JsonPath created = subscribe(receiver.url("/outage"), "standard-webhooks", types("incident.declared", "incident.resolved"),
                    Map.of("service", service));
            String id = created.getString("id");
            receiver.stop();

            String incidentId = Events.declared(service, "SEV1");
            Events.resolved(incidentId);           // filtered by service through what incident.declared said
            Events.declared(service, "SEV2");
            await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(id, "?size=10").getList("items", Map.class).stream()
                    .filter(d -> ((Integer) d.get("attempts")) >= 1).count() == 3);
            assertThat(receiver.received()).isEmpty();

            receiver.restart();

            List<Map<String, Object>> log = awaitDeliveries(id, 3, status("DELIVERED"));
            Set<String> ids = new HashSet<>();
            receiver.received().forEach(r -> ids.add(r.webhookId()));
            assertThat(ids).containsExactlyInAnyOrderElementsOf(log.stream().map(d -> (String) d.get("webhookId")).toList());
            assertThat(receiver.received()).allMatch(r -> verifies(created.getString("secret"), r));
            assertThat(log).allMatch(d -> ((Integer) d.get("attempts")) >= 2);
            assertThat(log).extracting(d -> d.get("eventType")).containsExactlyInAnyOrder("incident.declared", "incident.resolved", "incident.declared");
        }
    }

    @Test
    void during_a_rotation_both_secrets_sign_and_after_the_overlap_only_the_new_one() {
        String service = service();
        try (Receiver receiver = Receiver.start()) {
            JsonPath created = subscribe(receiver.url("/rotating"), "standard-webhooks", types("incident.declared"), Map.of("service", service));
            String id = created.getString("id");
            String old = created.getString("secret");

            JsonPath rotated = given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("overlapSeconds", 3600))
                    .post("/subscriptions/" + id + "/secret/rotate").then().statusCode(200).extract().jsonPath();
            String fresh = rotated.getString("secret");
            assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
            assertThat(rotated.getString("previousSecretsRetireAt")).isNotNull();

            Events.declared(service, "SEV2");
            awaitDeliveries(id, 1, status("DELIVERED"));
            Receiver.Request during = receiver.received().get(0);
            assertThat(during.signature().split(" ")).hasSize(2);
            assertThat(verifies(old, during)).isTrue();
            assertThat(verifies(fresh, during)).isTrue();

            String newest = given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("overlapSeconds", 0))
                    .post("/subscriptions/" + id + "/secret/rotate").then().statusCode(200).extract().jsonPath().getString("secret");
            Events.declared(service, "SEV2");
            awaitDeliveries(id, 2, status("DELIVERED"));
            Receiver.Request after = receiver.received().get(1);
            assertThat(after.signature().split(" ")).hasSize(1);
            assertThat(verifies(newest, after)).isTrue();
            assertThat(verifies(old, after)).isFalse();
            assertThat(verifies(fresh, after)).isFalse();
        }
    }
}
