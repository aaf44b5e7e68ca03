package dev.incidentlifecycle.incidents.alert.ingest;

import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.incidentlifecycle.incidents.Http.DEV_KEY;
import static dev.incidentlifecycle.incidents.Http.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An alert posted over HTTP starts its trace: the record on `alerts`, and the incident events it leads to, carry it on. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class TraceContextTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void the_senders_trace_travels_onto_alerts_and_into_the_incident_events() {
        String service = unique("traced");
        String key = unique("traced-alert");
        try (KafkaTopic alerts = KafkaTopic.readFromStart("alerts"); KafkaTopic incidents = KafkaTopic.readFromStart("incident-events")) {
            given().contentType(ContentType.JSON)
                    .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                    .body(PagerDutyEnqueueTest.event(DEV_KEY, "trigger", key, service, "critical"))
                    .post("/v2/enqueue").then().statusCode(202);

            await().atMost(Duration.ofSeconds(60)).until(() -> !alerts.poll().withKey(key).isEmpty());
            ConsumerRecord<String, byte[]> record = alerts.withKey(key).get(0);
            assertThat(KafkaTopic.header(record, "traceparent")).startsWith("00-" + TRACE_ID + "-");

            await().atMost(Duration.ofSeconds(60)).until(() -> incidents.poll().records().stream()
                    .anyMatch(r -> KafkaTopic.value(r).contains(service)));
            ConsumerRecord<String, byte[]> declared = incidents.records().stream()
                    .filter(r -> KafkaTopic.value(r).contains(service)).findFirst().orElseThrow();
            assertThat(KafkaTopic.header(declared, "ce_type")).isEqualTo("incident.declared");
            assertThat(KafkaTopic.header(declared, "traceparent")).startsWith("00-" + TRACE_ID + "-");
        }
    }
}
