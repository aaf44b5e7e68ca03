package dev.incidentlifecycle.incidents.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;
import dev.incidentlifecycle.eventstore.consuming.MessageHandler;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import dev.incidentlifecycle.incidents.eventlog.Streams;
import dev.incidentlifecycle.incidents.incident.IncidentCommand;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Closes the loop: when review-service says a review's follow-up is complete
 * ({@code review.follow-up-completed} on {@code review-events}: every action item done or won't do), the
 * incident it reviewed is closed, with the review named on the {@code incident.closed} event. Other review
 * events are not this service's business and are skipped.
 *
 * <p>An incident that is not RESOLVED (reopened since the review, say) refuses to close: the domain's
 * refusal is acknowledged and counted by the consumer ({@code messages_refused}), and the incident stays open for people.
 */
@ApplicationScoped
public class FollowUpCompletions implements MessageHandler {

    public static final String FOLLOW_UP_COMPLETED = "review.follow-up-completed";
    public static final String REASON = "the review's follow-up is complete";

    static final String DEFAULT_ACTOR = "review-service";

    @Override
    public Subscription subscription() {
        return Subscription.configured("review-events");
    }

    @Override
    public Uni<Void> handle(IncomingMessage message, InBatch batch) {
        if (!FOLLOW_UP_COMPLETED.equals(message.type())) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data = message.object();
        UUID incidentId = uuid(data, "incidentId");
        UUID reviewId = uuid(data, "reviewId");
        String actor = message.actor() != null && !message.actor().isBlank() ? message.actor() : DEFAULT_ACTOR;
        CommandContext context = CommandContext.by(actor)
                .correlatedWith(message.correlationId() != null ? message.correlationId() : message.id(), message.id());
        // Closed as recorded now: the review's own clock must not make the close precede anything here.
        return batch.transact(context, work -> work.execute(Streams.INCIDENT, incidentId.toString(), ExpectedVersion.ANY,
                        new IncidentCommand.Close(REASON, reviewId, actor, null, work.recordedAt())))
                .replaceWithVoid();
    }

    private static UUID uuid(JsonNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || !value.isTextual()) {
            throw new PoisonMessage(FOLLOW_UP_COMPLETED + " without a string '" + field + "'");
        }
        try {
            return UUID.fromString(value.asText());
        } catch (IllegalArgumentException e) {
            throw new PoisonMessage(FOLLOW_UP_COMPLETED + " with '" + field + "' not a UUID: " + value.asText());
        }
    }
}
