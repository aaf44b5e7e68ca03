package dev.incidentlifecycle.incidents.incident.events;

import dev.incidentlifecycle.incidents.incident.ClosingCause;
import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.incidents.alert.AlertSeverity;
import dev.incidentlifecycle.incidents.eventlog.Streams;
import dev.incidentlifecycle.incidents.incident.DeclarationSource;
import dev.incidentlifecycle.incidents.incident.IncidentEvent;
import dev.incidentlifecycle.incidents.incident.IncidentRole;
import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every incident event type has a schema, every schema a type, and the schemas say what the codec writes. */
class IncidentEventSchemasTest {

    static final UUID ID = UUID.randomUUID();
    static final Instant AT = Instant.parse("2026-03-02T10:15:30.123456Z");

    @Test
    void every_event_type_has_a_schema_and_every_schema_an_event_type() throws Exception {
        Path folder = Path.of(IncidentEventSchemas.class.getClassLoader().getResource(IncidentEventSchemas.FOLDER).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            List<String> schemas = files.map(f -> f.getFileName().toString().replaceFirst("\\.json$", "")).toList();
            assertThat(schemas).containsExactlyInAnyOrderElementsOf(IncidentEvent.TYPES.keySet());
        }
        assertThat(Streams.INCIDENT.codec().types()).containsExactlyInAnyOrderElementsOf(IncidentEvent.TYPES.keySet());
    }

    @Test
    void payloads_as_the_codec_writes_them_fit_their_schemas_with_nulls_where_allowed() throws Exception {
        List<IncidentEvent> events = List.of(
                new IncidentEvent.Declared(ID, "INC-7", "Checkout down", IncidentSeverity.SEV1, null, null, "riley", AT, AT,
                        DeclarationSource.MANUAL),
                new IncidentEvent.AlertAttached(ID, UUID.randomUUID(), "key", null, AlertSeverity.ERROR, "alerts", AT),
                new IncidentEvent.RoleAssigned(ID, IncidentRole.SCRIBE, "kim", null, "riley", AT),
                new IncidentEvent.Resolved(ID, null, "riley", AT),
                new IncidentEvent.Closed(ID, "follow-up complete", null, ClosingCause.FOLLOW_UP_COMPLETED, "review-service", AT),
                new IncidentEvent.AlertsAllResolved(ID, 3, "alerts", AT),
                new IncidentEvent.AlertDetached(ID, UUID.randomUUID(), "key", null, null, "riley", AT),
                new IncidentEvent.Edited(ID, List.of("summary", "service"), "Checkout down", null, "checkout", "riley", AT),
                new IncidentEvent.Merged(ID, UUID.randomUUID(), "INC-6", 2, "duplicate", "riley", AT),
                new IncidentEvent.MergedFrom(ID, UUID.randomUUID(), "INC-8", 0, "duplicate", "riley", AT),
                new IncidentEvent.Closed(ID, "test incident", null, ClosingCause.BY_HAND, "robin", AT));
        for (IncidentEvent event : events) {
            JsonNode payload = EventJson.mapper().readTree(Streams.INCIDENT.codec().encode(event));
            assertThat(IncidentEventSchemas.problems(event.type(), payload)).as(event.type() + " " + payload).isEmpty();
        }
    }

    @Test
    void a_payload_off_its_schema_is_caught() throws Exception {
        JsonNode wrong = EventJson.mapper().readTree("{\"incidentId\":\"not-a-uuid\",\"actor\":\"riley\",\"occurredAt\":\"yesterday\",\"extra\":1}");
        assertThat(IncidentEventSchemas.problems("incident.acknowledged", wrong)).hasSizeGreaterThanOrEqualTo(3);
    }
}
