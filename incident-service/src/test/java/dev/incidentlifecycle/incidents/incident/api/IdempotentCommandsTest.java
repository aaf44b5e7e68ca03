package dev.incidentlifecycle.incidents.incident.api;

import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.incidents.Http.PROBLEM;
import static dev.incidentlifecycle.incidents.Http.asReader;
import static dev.incidentlifecycle.incidents.Http.asResponder;
import static dev.incidentlifecycle.incidents.Http.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A client that retries a declaration with its Idempotency-Key declares one incident, not two. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class IdempotentCommandsTest {

    static Response declare(String key, Map<String, Object> body) {
        return asResponder().header("Idempotency-Key", key).body(body).post("/incidents");
    }

    static int incidentsOf(String service) {
        return asReader().queryParam("service", service).get("/incidents").then().statusCode(200)
                .extract().jsonPath().getInt("total");
    }

    @Test
    void a_retried_declaration_answers_the_same_incident_and_declares_it_once() {
        String service = unique("checkout");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("title", "Checkout fails for card payments", "severity", "SEV2", "service", service);

        Response first = declare(key, body);
        Response retry = declare(key, body);

        first.then().statusCode(201);
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(retry.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(retry.jsonPath().getString("number")).isEqualTo(first.jsonPath().getString("number"));
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(incidentsOf(service)).isEqualTo(1);
    }

    @Test
    void the_same_key_for_another_declaration_is_422_and_declares_nothing() {
        String service = unique("search");
        String key = UUID.randomUUID().toString();
        declare(key, Map.of("title", "Search is slow", "severity", "SEV3", "service", service)).then().statusCode(201);

        declare(key, Map.of("title", "Search is down", "severity", "SEV1", "service", service))
                .then().statusCode(422).contentType(PROBLEM).body("status", equalTo(422));
        assertThat(incidentsOf(service)).isEqualTo(1);
    }
}
