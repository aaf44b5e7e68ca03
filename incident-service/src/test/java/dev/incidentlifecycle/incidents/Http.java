package dev.incidentlifecycle.incidents;

import dev.incidentlifecycle.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** What the service's tests say over HTTP and Kafka, in a few words each. */
public final class Http {

    public static final String PROBLEM = "application/problem+json";
    /** The development integration key and Alertmanager token of application.properties. */
    public static final String DEV_KEY = "local-dev-integration-key";

    private static final String RESPONDER = Tokens.forUser("riley").roles("responder").teams("payments").sign();
    private static final String READER = Tokens.forUser("quinn").sign();

    private Http() {
    }

    /** A responder's request (role responder). */
    public static RequestSpecification asResponder() {
        return given().auth().oauth2(RESPONDER).contentType(ContentType.JSON);
    }

    /** Someone with a valid token and no role: may read, may not change. */
    public static RequestSpecification asReader() {
        return given().auth().oauth2(READER);
    }

    /** Declares an incident by hand; returns its JSON. */
    public static JsonPath declare(String title, String severity, String service) {
        return asResponder().body(Map.of("title", title, "severity", severity, "service", service))
                .post("/incidents").then().statusCode(201).extract().jsonPath();
    }

    /** A command on an incident, with If-Match when a version is given. */
    public static Response command(String incidentId, String action, Object body, Long ifMatch) {
        RequestSpecification request = asResponder().body(body == null ? Map.of() : body);
        if (ifMatch != null) {
            request = request.header("If-Match", "\"" + ifMatch + "\"");
        }
        return request.post("/incidents/" + incidentId + "/" + action);
    }

    public static JsonPath incident(String idOrNumber) {
        return asReader().get("/incidents/" + idOrNumber).then().statusCode(200).extract().jsonPath();
    }

    /** The alerts of a dedup key, newest first. */
    public static List<Map<String, Object>> alertsWithKey(String dedupKey) {
        return asReader().queryParam("dedupKey", dedupKey).queryParam("size", 200).get("/alerts")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** The alerts of a service, newest first (at most 200). */
    public static List<Map<String, Object>> alertsOfService(String service) {
        return asReader().queryParam("service", service).queryParam("size", 200).get("/alerts")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    public static List<Map<String, Object>> incidentsOfService(String service) {
        return asReader().queryParam("service", service).queryParam("size", 200).get("/incidents")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    public static List<String> timelineTypes(String incidentId) {
        return asReader().get("/incidents/" + incidentId + "/timeline")
                .then().statusCode(200).extract().jsonPath().getList("type");
    }

    /** A PagerDuty Events API v2 trigger body, as a JSON string. */
    public static String trigger(String dedupKey, String severity, String service, String summary) {
        return "{\"event_action\":\"trigger\",\"dedup_key\":\"" + dedupKey + "\",\"payload\":{\"summary\":\"" + summary
                + "\",\"source\":\"host-1.example.com\",\"severity\":\"" + severity + "\",\"component\":\"" + service + "\"}}";
    }

    public static String followUp(String action, String dedupKey) {
        return "{\"event_action\":\"" + action + "\",\"dedup_key\":\"" + dedupKey + "\"}";
    }

    /** A plain JSON record on {@code alerts}, keyed by its dedup key. */
    public static ProducerRecord<String, byte[]> alertRecord(String key, String json) {
        return new ProducerRecord<>("alerts", key, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A CloudEvent in Kafka binary mode. */
    public static ProducerRecord<String, byte[]> cloudEvent(String topic, String key, String id, String type, String source,
                                                            String json) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", id.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", source.getBytes(StandardCharsets.UTF_8));
        headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, key, json.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** A name no other test (or earlier run against the same database) uses. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
