package dev.incidentlifecycle.contractcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.incidentlifecycle.contractcheck.OpenApiDocument.Operation;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client generated from a service's OpenAPI document relies on: stable operationIds, enum values it can
 * send, an example of every request body that the body's schema accepts, and the problem+json error of each call.
 */
class OpenApiDocumentsTest {

    static final List<String> SERVICES = OpenApiDocument.SERVICES;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Request fields that take one of a fixed set of values: the document must list them. */
    private static final Set<String> ENUM_FIELDS = Set.of("status", "severity", "priority", "category", "role", "type");

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyOperationHasItsOwnOperationIdAndPublishedOnesStay(String service) throws IOException {
        OpenApiDocument document = OpenApiDocument.of(service);
        Set<String> published = new TreeSet<>();
        for (String line : publishedOperationIds()) {
            String[] fields = line.split(" ");
            if (fields[0].equals(service)) {
                published.add(fields[1] + " " + fields[2] + " " + fields[3]);
            }
        }
        Set<String> ids = new HashSet<>();
        Set<String> current = new TreeSet<>();
        for (Operation operation : document.operations()) {
            assertThat(operation.operationId()).as("%s operationId", operation).isNotBlank();
            assertThat(ids.add(operation.operationId())).as("%s: operationId %s is taken", operation, operation.operationId()).isTrue();
            current.add(operation + " " + operation.operationId());
        }
        assertThat(published).as("operationIds in operation-ids.txt").isNotEmpty();
        assertThat(current).as("operationIds are never renamed or removed").containsAll(published);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyRequestBodyHasAnExampleItsSchemaAccepts(String service) {
        OpenApiDocument document = OpenApiDocument.of(service);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SoftAssertions softly = new SoftAssertions();
        int checked = 0;
        for (Operation operation : document.operations()) {
            if (!operation.secured() || !operation.node().has("requestBody")) {
                continue; // the ingestion endpoints take their senders' own formats, documented by those senders
            }
            JsonNode media = operation.node().path("requestBody").path("content").path("application/json");
            softly.assertThat(media.isMissingNode()).as("%s takes JSON", operation).isFalse();
            JsonNode schema = media.path("schema");
            List<JsonNode> examples = new ArrayList<>();
            document.resolve(schema).path("examples").forEach(examples::add);
            media.path("examples").forEach(example -> examples.add(example.path("value")));
            if (media.has("example")) {
                examples.add(media.get("example"));
            }
            softly.assertThat(examples).as("%s: an example body", operation).isNotEmpty();
            var validator = factory.getSchema(document.asJsonSchema(schema));
            for (JsonNode example : examples) {
                Set<ValidationMessage> errors = validator.validate(example);
                softly.assertThat(errors).as("%s: example %s", operation, example).isEmpty();
                checked++;
            }
        }
        softly.assertThat(checked).as("examples checked").isPositive();
        softly.assertAll();
    }

    @Test
    void aBodyOutsideTheDocumentedValuesIsRefusedByTheSchema() {
        OpenApiDocument reviews = OpenApiDocument.of("review-service");
        JsonNode actionItem = reviews.root().path("components").path("schemas").path("ActionItem");
        var validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(reviews.asJsonSchema(JSON.createObjectNode().put("$ref", "#/components/schemas/ActionItem")));

        assertThat(actionItem.path("examples")).isNotEmpty();
        assertThat(validator.validate(actionItem.path("examples").get(0))).isEmpty();
        assertThat(validator.validate(JSON.createObjectNode().put("title", "Page on saturation").put("type", "fix-it")
                .put("ownerTeam", "payments").put("priority", "P9"))).extracting(ValidationMessage::getInstanceLocation)
                .extracting(Object::toString).contains("$.type", "$.priority");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void requestFieldsWithAFixedSetOfValuesListThem(String service) {
        OpenApiDocument document = OpenApiDocument.of(service);
        SoftAssertions softly = new SoftAssertions();
        for (Operation operation : document.operations()) {
            JsonNode body = operation.node().path("requestBody").path("content").path("application/json").path("schema");
            if (!operation.secured() || body.isMissingNode()) {
                continue;
            }
            document.resolve(body).path("properties").fields().forEachRemaining(property -> {
                if (ENUM_FIELDS.contains(property.getKey())) {
                    JsonNode values = document.resolve(property.getValue()).path("enum");
                    softly.assertThat(values.size()).as("%s: %s.%s lists its values", operation,
                            OpenApiDocument.schemaName(body), property.getKey()).isPositive();
                }
            });
            for (JsonNode parameter : operation.node().path("parameters")) {
                if (ENUM_FIELDS.contains(parameter.path("name").asText())) {
                    JsonNode schema = parameter.path("schema");
                    JsonNode values = document.resolve(schema.has("items") ? schema.path("items") : schema).path("enum");
                    softly.assertThat(values.size()).as("%s: parameter %s lists its values", operation, parameter.path("name").asText())
                            .isPositive();
                }
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyErrorOfEveryApiCallIsAProblem(String service) {
        OpenApiDocument document = OpenApiDocument.of(service);
        JsonNode problem = document.root().path("components").path("schemas").path("Problem");
        assertThat(problem.path("properties").fieldNames()).toIterable().contains("type", "title", "status", "detail", "errors");
        SoftAssertions softly = new SoftAssertions();
        for (Operation operation : document.operations()) {
            if (!operation.secured()) {
                continue;
            }
            JsonNode responses = operation.node().path("responses");
            softly.assertThat(responses.has("401")).as("%s documents 401", operation).isTrue();
            if (operation.node().path("parameters").findValues("name").stream().anyMatch(name -> name.asText().equals("If-Match"))) {
                softly.assertThat(responses.has("409") && responses.has("412")).as("%s documents 409 and 412", operation).isTrue();
            }
            if (operation.node().has("requestBody")) {
                softly.assertThat(responses.has("400") && responses.has("413")).as("%s documents 400 and 413", operation).isTrue();
            }
            responses.fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("4")) {
                    softly.assertThat(response.getValue().path("content").path("application/problem+json").path("schema").path("$ref").asText())
                            .as("%s %s", operation, response.getKey()).isEqualTo("#/components/schemas/Problem");
                }
            });
        }
        softly.assertAll();
    }

    private static List<String> publishedOperationIds() throws IOException {
        try (InputStream in = OpenApiDocumentsTest.class.getResourceAsStream("/operation-ids.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
    }
}
