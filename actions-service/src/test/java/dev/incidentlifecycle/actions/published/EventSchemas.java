package dev.incidentlifecycle.actions.published;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The published JSON Schemas of {@code action-item-events}, one per event type, from the service's resources. */
public final class EventSchemas {

    static final String FOLDER = "/schemas/action-item-events/";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // Formats (uuid, date, date-time, uri) are checked, not only annotated.
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    static boolean exists(String type) {
        return EventSchemas.class.getResource(FOLDER + type + ".json") != null;
    }

    /** What is wrong with {@code payload} as an event of {@code type}; empty when it is valid. */
    public static List<String> violations(String type, JsonNode payload) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(type, EventSchemas::load);
        return schema.validate(payload).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema load(String type) {
        try (InputStream in = EventSchemas.class.getResourceAsStream(FOLDER + type + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no JSON Schema for " + type + " in " + FOLDER);
            }
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
