package dev.incidentlifecycle.actions.published;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.incidentlifecycle.actions.actionitem.store.ActionItemAggregate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published JSON Schemas of {@code action-item-events}, one per event type and version, from the service's resources:
 * {@code <type>.json} is version 1, {@code <type>.v<n>.json} version n.
 */
public final class EventSchemas {

    static final String FOLDER = "/schemas/action-item-events/";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // Formats (uuid, date, date-time, uri) are checked, not only annotated.
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** The schema file of a version of an event type. */
    static String fileOf(String type, int version) {
        return version == 1 ? type + ".json" : type + ".v" + version + ".json";
    }

    /** What is wrong with {@code payload} as an event of {@code type} at the version actions-service publishes now. */
    public static List<String> violations(String type, JsonNode payload) {
        return violations(type, ActionItemAggregate.CODEC.versionOf(type), payload);
    }

    /** What is wrong with {@code payload} as version {@code version} of an event of {@code type}; empty when it is valid. */
    public static List<String> violations(String type, int version, JsonNode payload) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(fileOf(type, version), EventSchemas::load);
        return schema.validate(payload).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema load(String file) {
        try (InputStream in = EventSchemas.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no JSON Schema " + file + " in " + FOLDER);
            }
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
