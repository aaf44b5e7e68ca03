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
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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

    /** The event types whose reviewId version 2 lets be null: all but amended and removed, which only a review's items have. */
    static final Set<String> REVIEW_ID_MAY_BE_NULL = ActionItemAggregate.CODEC.types().stream()
            .filter(type -> !type.equals("action-item.amended") && !type.equals("action-item.removed"))
            .collect(Collectors.toSet());

    @Test
    void every_event_type_has_a_schema_per_version_and_every_schema_an_event_type() throws IOException, URISyntaxException {
        Path folder = Path.of(EventSchemasTest.class.getResource(EventSchemas.FOLDER).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(ActionItemAggregate.CODEC.types().stream()
                            .flatMap(type -> Stream.of(EventSchemas.fileOf(type, 1), EventSchemas.fileOf(type, 2))).toList());
        }
        assertThat(ONE_OF_EACH).extracting(ActionItemEvent::type)
                .containsExactlyInAnyOrderElementsOf(ActionItemAggregate.CODEC.types());
        assertThat(ActionItemAggregate.CODEC.types()).allSatisfy(type -> assertThat(ActionItemAggregate.CODEC.versionOf(type))
                .as("the topic moves to a version as one: %s", type).isEqualTo(2));
    }

    @Test
    void encoded_events_are_valid_against_their_schemas() throws IOException {
        for (ActionItemEvent event : ONE_OF_EACH) {
            JsonNode payload = EventJson.mapper().readTree(ActionItemAggregate.CODEC.encode(event));
            assertThat(EventSchemas.violations(event.type(), 2, payload)).as(event.type()).isEmpty();
            // An item of a review fits version 1 as well: version 2 only widens it.
            assertThat(EventSchemas.violations(event.type(), 1, payload)).as(event.type() + " v1").isEmpty();
        }
    }

    @Test
    void version_1_refuses_an_item_without_review_and_version_2_takes_it() throws IOException {
        for (ActionItemEvent event : ONE_OF_EACH) {
            ObjectNode withReview = (ObjectNode) EventJson.mapper().readTree(ActionItemAggregate.CODEC.encode(event));
            ObjectNode nullReview = withReview.deepCopy().putNull("reviewId");
            ObjectNode noReview = withReview.deepCopy();
            noReview.remove("reviewId");

            assertThat(EventSchemas.violations(event.type(), 1, nullReview)).as(event.type() + " v1, reviewId null").isNotEmpty();
            assertThat(EventSchemas.violations(event.type(), 1, noReview)).as(event.type() + " v1, no reviewId").isNotEmpty();
            if (REVIEW_ID_MAY_BE_NULL.contains(event.type())) {
                assertThat(EventSchemas.violations(event.type(), 2, nullReview)).as(event.type() + " v2, reviewId null").isEmpty();
                assertThat(EventSchemas.violations(event.type(), 2, noReview)).as(event.type() + " v2, no reviewId").isEmpty();
            } else {
                assertThat(EventSchemas.violations(event.type(), 2, nullReview)).as(event.type() + " v2, reviewId null").isNotEmpty();
            }
            assertThat(EventSchemas.violations(event.type(), 2, withReview.deepCopy().put("reviewId", "not-a-uuid")))
                    .as(event.type() + " v2, reviewId not a UUID").isNotEmpty();
        }
    }

    @Test
    void a_version_1_payload_stored_before_version_2_is_read_as_it_was_written() throws IOException {
        for (ActionItemEvent event : ONE_OF_EACH) {
            String storedAsVersion1 = ActionItemAggregate.CODEC.encode(event);
            assertThat(ActionItemAggregate.CODEC.decode(event.type(), 1, storedAsVersion1)).as(event.type()).isEqualTo(event);
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
