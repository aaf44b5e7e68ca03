package dev.incidentlifecycle.notifications.subscription.events;

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

/** The published JSON Schemas of {@code notification-events}, one per event type, from the service's resources. */
public final class NoticeSchemas {

    static final String FOLDER = "/schemas/notification-events/";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // Formats (uuid, date-time) are checked, not only annotated.
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private NoticeSchemas() {
    }

    /** What is wrong with {@code payload} as an event of {@code type}; empty when it is valid. */
    public static List<String> violations(String type, JsonNode payload) {
        try (InputStream in = NoticeSchemas.class.getResourceAsStream(FOLDER + type + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no JSON Schema for " + type + " in " + FOLDER);
            }
            JsonSchema schema = FACTORY.getSchema(in, CONFIG);
            return schema.validate(payload).stream().map(ValidationMessage::getMessage).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
