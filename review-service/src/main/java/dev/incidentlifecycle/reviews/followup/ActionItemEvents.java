package dev.incidentlifecycle.reviews.followup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;
import dev.incidentlifecycle.eventstore.consuming.MessageHandler;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import dev.incidentlifecycle.reviews.review.ActionItemStatus;
import dev.incidentlifecycle.reviews.review.ReviewCommand;
import dev.incidentlifecycle.reviews.review.store.ReviewAggregate;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

/**
 * Consumes {@code action-item-events} for the follow-up of published reviews: each status change of an action
 * item is recorded on its review, and the review emits {@code review.follow-up-completed} once every item of its
 * outcome is DONE or WONT_DO. Other event types, items of reviews this service does not hold, and items of no review
 * ({@code reviewId} null: created by hand for an incident that had no review) are skipped. Versions 1 and 2 of the
 * event types are read (2 lets reviewId be null or absent); another version is dead-lettered.
 */
@ApplicationScoped
public class ActionItemEvents implements MessageHandler {

    /** The newest version of the action-item event types read here; every version from 1 up to it is. */
    static final int NEWEST_DATA_VERSION = 2;

    /** The status each event type leaves an item in (a removed item is owed nothing unless it was done). */
    static final Map<String, ActionItemStatus> STATUS_AFTER = Map.of(
            "action-item.completed", ActionItemStatus.DONE,
            "action-item.wont-do", ActionItemStatus.WONT_DO,
            "action-item.reopened", ActionItemStatus.OPEN,
            "action-item.removed", ActionItemStatus.WONT_DO);

    private final EventStore store;
    private final ReviewAggregate reviews;

    ActionItemEvents(EventStore store, ReviewAggregate reviews) {
        this.store = store;
        this.reviews = reviews;
    }

    @Override
    public Subscription subscription() {
        return Subscription.configured("action-item-events");
    }

    @Override
    public Uni<Void> handle(IncomingMessage message, InBatch batch) {
        if (message.type() == null) {
            throw new PoisonMessage("action-item-events carries CloudEvents; this record has no ce_type");
        }
        ActionItemStatus status = STATUS_AFTER.get(message.type());
        if (status == null) {
            return Uni.createFrom().voidItem();
        }
        message.requireDataVersionUpTo(NEWEST_DATA_VERSION);
        ObjectNode data = message.object();
        UUID actionItemId = uuid(data, "actionItemId", message.type());
        if (ofNoReview(message, data)) {
            // An item created by hand for an incident that had no review: no review here to follow it up.
            return Uni.createFrom().voidItem();
        }
        UUID reviewId = uuid(data, "reviewId", message.type());
        if (message.type().equals("action-item.removed") && "DONE".equals(data.path("status").asText())) {
            status = ActionItemStatus.DONE;
        }
        String actor = firstText(data.path("by").asText(null), message.actor(), "actions-service");
        Instant occurredAt = instant(data.get("occurredAt"), message.time());
        String correlation = message.correlationId() != null ? message.correlationId() : message.id();
        CommandContext context = CommandContext.by(actor).correlatedWith(correlation, message.id());
        if (occurredAt != null) {
            context = context.occurredAt(occurredAt);
        }
        ActionItemStatus reported = status;
        String reviewAggregate = ReviewAggregate.aggregateId(reviewId);
        return batch.transact(context, work -> work.load(reviews.type(), reviewAggregate).flatMap(loaded -> {
            if (!loaded.exists()) {
                // An item of a review held elsewhere (or long gone): nothing here to follow up.
                return Uni.createFrom().voidItem();
            }
            return work.execute(reviews.type(), reviewAggregate, ExpectedVersion.ANY,
                    new ReviewCommand.RecordActionItemStatus(reviewId, actionItemId, reported, actor, work.occurredAt()))
                    .replaceWithVoid();
        })).replaceWithVoid();
    }

    /**
     * Whether the event is of an item of no review: reviewId null, or absent from version 2 on (version 1 promises one,
     * so there an absent reviewId is poison). actions-service wrote null into version 1 for a while before version 2
     * existed; those are skipped too.
     */
    private static boolean ofNoReview(IncomingMessage message, ObjectNode data) {
        JsonNode reviewId = data.get("reviewId");
        return reviewId == null ? message.dataVersion() >= 2 : reviewId.isNull();
    }

    private static UUID uuid(JsonNode data, String field, String type) {
        JsonNode value = data.get(field);
        if (value == null || !value.isTextual()) {
            throw new PoisonMessage(type + " without a " + field);
        }
        try {
            return UUID.fromString(value.asText());
        } catch (IllegalArgumentException e) {
            throw new PoisonMessage(type + " has a " + field + " that is not a UUID: " + value.asText());
        }
    }

    private static Instant instant(JsonNode value, Instant fallback) {
        if (value == null || !value.isTextual()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new PoisonMessage("occurredAt is not an RFC 3339 date-time: " + value.asText());
        }
    }

    private static String firstText(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }
}
