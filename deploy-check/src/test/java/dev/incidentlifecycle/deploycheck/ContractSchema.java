package dev.incidentlifecycle.deploycheck;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * A JSON Schema of the event contract, from a file the contract points to or written in the contract itself
 * (header schemas), read with Jackson and applied with networknt as draft 2020-12.
 */
final class ContractSchema {

    static final String DRAFT_2020_12 = SchemaId.V202012;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    /** The draft's own meta-schema (networknt bundles it: nothing is fetched). */
    private static final JsonSchema META_SCHEMA = FACTORY.getSchema(SchemaLocation.of(DRAFT_2020_12), CONFIG);

    private final String origin;
    private final JsonNode schema;

    private ContractSchema(String origin, JsonNode schema) {
        this.origin = origin;
        this.schema = schema;
    }

    /** The file's schema; a file that is not JSON fails here, naming the file. */
    static ContractSchema read(Path file) {
        try {
            return new ContractSchema(Repository.relative(file), JSON.readTree(Repository.read(file)));
        } catch (IOException e) {
            throw new AssertionError(Repository.relative(file) + " is not JSON: " + e.getMessage(), e);
        }
    }

    /** A schema written in the contract, with its references already followed. */
    static ContractSchema inline(String where, Object schema) {
        return new ContractSchema(where, JSON.valueToTree(schema));
    }

    /** JSON text (samples in tests) as the plain value a schema is applied to. */
    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    JsonNode schema() {
        return schema;
    }

    String declaredDraft() {
        return schema.path("$schema").asText(null);
    }

    /** What the draft's meta-schema says against this schema; empty when it is a valid schema. */
    List<String> metaSchemaProblems() {
        return messages(META_SCHEMA.validate(schema));
    }

    /** What this schema says against a value (a JsonNode, or plain maps, lists and scalars as YAML gives them). */
    List<String> problemsWith(Object value) {
        JsonNode instance = value instanceof JsonNode node ? node : JSON.valueToTree(value);
        return messages(FACTORY.getSchema(schema, CONFIG).validate(instance));
    }

    @Override
    public String toString() {
        return origin;
    }

    private static List<String> messages(Set<ValidationMessage> found) {
        return found.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
