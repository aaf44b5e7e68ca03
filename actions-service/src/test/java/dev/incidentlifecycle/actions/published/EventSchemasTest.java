package dev.incidentlifecycle.actions.published;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent;
import dev.incidentlifecycle.actions.actionitem.ActionItemOrigin;
import dev.incidentlifecycle.actions.actionitem.ActionItemStatus;
import dev.incidentlifecycle.actions.actionitem.ActionItemType;
import dev.incidentlifecycle.actions.actionitem.AmendedField;
import dev.incidentlifecycle.actions.actionitem.Priority;
import dev.incidentlifecycle.actions.actionitem.ReviewedItem;
import dev.incidentlifecycle.actions.actionitem.Severity;
import dev.incidentlifecycle.actions.actionitem.SharedFactor;
import dev.incidentlifecycle.actions.actionitem.store.ActionItemAggregate;
import dev.incidentlifecycle.eventstore.EventJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The schemas and the codec agree, without starting anything; the published records are checked in PublishedEventsTest. */
class EventSchemasTest {

    static final UUID ITEM = UUID.randomUUID();
    static final UUID REVIEW = UUID.randomUUID();
    static final Instant AT = Instant.parse("2026-03-02T10:00:00.123456Z");
    static final LocalDate DUE = LocalDate.parse("2026-04-01");

    static final List<ActionItemEvent> ONE_OF_EACH = List.of(
            new ActionItemEvent.Created(ITEM, REVIEW, UUID.randomUUID(), "INC-42", Severity.SEV1, "payments-api",
                    "Alert on queue depth", ActionItemType.DETECT, "payments", null, Priority.P2, DUE, true, "fatima", AT,
                    ActionItemOrigin.AD_HOC),
            new ActionItemEvent.Started(ITEM, REVIEW, "ana", AT),
            new ActionItemEvent.Completed(ITEM, REVIEW, "Alert added", null, "ana", AT),
            new ActionItemEvent.ClosedAsWontDo(ITEM, REVIEW, "Replaced next month", "ana", AT),
            new ActionItemEvent.Reopened(ITEM, REVIEW, "It fired again", "ana", AT),
            new ActionItemEvent.Reassigned(ITEM, REVIEW, "payments", "platform", null, "bo", null, "ana", AT),
            new ActionItemEvent.DueDateChanged(ITEM, REVIEW, DUE, DUE.plusDays(7), "Waiting for a release", "ana", AT),
            new ActionItemEvent.TrackerLinked(ITEM, REVIEW, "https://jira.example.com/browse/PAY-1", "ana", AT),
            new ActionItemEvent.Amended(ITEM, REVIEW, List.of(AmendedField.TITLE), "New title", ActionItemType.DETECT,
                    "payments", null, Priority.P2, DUE, true,
                    new ReviewedItem(ITEM, "New title", ActionItemType.DETECT, "payments", null, Priority.P2, null), "fatima", AT),
            new ActionItemEvent.Removed(ITEM, REVIEW, ActionItemStatus.WONT_DO, "removed from review by amendment", "fatima", AT),
            new ActionItemEvent.BecameOverdue(ITEM, REVIEW, DUE, "payments", null, "actions-service", AT),
            new ActionItemEvent.Recurred(ITEM, REVIEW, UUID.randomUUID(), UUID.randomUUID(), "INC-57",
                    List.of(new SharedFactor("TECHNICAL", "connection-pool")), "fatima", AT));

    @Test
    void every_event_type_has_a_schema_and_every_schema_an_event_type() throws IOException, URISyntaxException {
        Path folder = Path.of(EventSchemasTest.class.getResource(EventSchemas.FOLDER).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString().replaceFirst("\\.json$", "")))
                    .containsExactlyInAnyOrderElementsOf(ActionItemAggregate.CODEC.types());
        }
        assertThat(ONE_OF_EACH).extracting(ActionItemEvent::type)
                .containsExactlyInAnyOrderElementsOf(ActionItemAggregate.CODEC.types());
    }

    @Test
    void encoded_events_are_valid_against_their_schemas() throws IOException {
        for (ActionItemEvent event : ONE_OF_EACH) {
            JsonNode payload = EventJson.mapper().readTree(ActionItemAggregate.CODEC.encode(event));
            assertThat(EventSchemas.violations(event.type(), payload)).as(event.type()).isEmpty();
        }
    }

    @Test
    void the_schemas_refuse_what_is_not_an_event() throws IOException {
        ObjectNode created = (ObjectNode) EventJson.mapper().readTree(ActionItemAggregate.CODEC.encode(ONE_OF_EACH.get(0)));
        assertThat(EventSchemas.violations("action-item.created", created.deepCopy().put("dueDate", "soon"))).isNotEmpty();
        assertThat(EventSchemas.violations("action-item.created", created.deepCopy().put("itemType", "FIX"))).isNotEmpty();
        ObjectNode missing = created.deepCopy();
        missing.remove("ownerTeam");
        assertThat(EventSchemas.violations("action-item.created", missing)).isNotEmpty();
        assertThat(EventSchemas.violations("action-item.created", created.deepCopy().put("surprise", 1))).isNotEmpty();
    }
}
