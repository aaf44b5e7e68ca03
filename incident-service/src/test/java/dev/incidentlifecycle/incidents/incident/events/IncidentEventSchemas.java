package dev.incidentlifecycle.incidents.incident.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

/** The published JSON Schemas of incident-events (src/main/resources/schemas/incident-events/<type>.json). */
final class IncidentEventSchemas {

    static final String FOLDER = "schemas/incident-events/";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private IncidentEventSchemas() {
    }

    static boolean exists(String type) {
        return IncidentEventSchemas.class.getClassLoader().getResource(FOLDER + type + ".json") != null;
    }

    /** The schema's complaints about a payload of the type; empty when it is valid. */
    static Set<String> problems(String type, JsonNode payload) {
        try (InputStream schema = IncidentEventSchemas.class.getClassLoader().getResourceAsStream(FOLDER + type + ".json")) {
            if (schema == null) {
                return Set.of("no schema for " + type);
            }
            JsonSchema compiled = FACTORY.getSchema(schema, CONFIG);
            return compiled.validate(payload).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
