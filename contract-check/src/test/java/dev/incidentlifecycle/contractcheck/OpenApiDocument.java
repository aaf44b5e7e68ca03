package dev.incidentlifecycle.contractcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** One service's OpenAPI document as its build stored it ({@code <service>/target/openapi/openapi.json}). */
record OpenApiDocument(String service, JsonNode root) {

    static final List<String> SERVICES = List.of("incident-service", "review-service", "actions-service", "notification-service");
    private static final ObjectMapper JSON = new ObjectMapper();

    static OpenApiDocument of(String service) {
        Path file = Path.of(System.getProperty("openapi.documents", ".."), service, "target", "openapi", "openapi.json");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(file + " is missing: the service's build stores it when it packages (run with -am)");
        }
        try {
            return new OpenApiDocument(service, JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One operation: its method and path, and its OpenAPI object. */
    record Operation(String method, String path, JsonNode node) {

        String operationId() {
            return node.path("operationId").asText(null);
        }

        boolean secured() {
            return node.path("security").size() > 0;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(method -> operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), method.getValue())));
        }
        return operations;
    }

    /** The component schema a {@code $ref} names, or the schema itself when it is inline. */
    JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? schema : root.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    static String schemaName(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? null : ref.substring(ref.lastIndexOf('/') + 1);
    }

    /** The whole document as a JSON Schema 2020-12 resource pointing at one of its schemas (OpenAPI 3.1 schemas are JSON Schema). */
    JsonNode asJsonSchema(JsonNode schema) {
        ObjectNode resource = root.deepCopy();
        resource.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        resource.set("$ref", schema.path("$ref").isMissingNode() ? null : schema.get("$ref"));
        return resource;
    }
}
