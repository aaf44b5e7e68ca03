package dev.incidentlifecycle.incidents.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.MessageHandler;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import dev.incidentlifecycle.incidents.eventlog.Streams;
import dev.incidentlifecycle.incidents.incident.ClosingCause;
import dev.incidentlifecycle.incidents.incident.IncidentCommand;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What review-service says about reviews ({@code review-events}), as far as closing incidents goes:
 * <ul>
 *   <li>{@code review.scheduled}: the incident has a review (REQUIRED or SUGGESTED) that is open: while a
 *       REQUIRED one is, only an admin closes the incident by hand;</li>
 *   <li>{@code review.declined}, {@code review.cancelled}: the review is over without a follow-up; the
 *       {@link ClosingSweep} closes the resolved incident (after {@code incidents.closing.delay});</li>
 *   <li>{@code review.follow-up-completed} (every action item done or won't do): the incident is closed at once,
 *       with the review named on {@code incident.closed}.</li>
 * </ul>
 * Other review events are skipped. An incident that is not RESOLVED (reopened since the review, say) refuses the
 * close: the refusal is acknowledged and counted by the consumer ({@code messages_refused}), and the incident stays
 * open for people.
 */
@ApplicationScoped
public class ReviewEvents implements MessageHandler {

    public static final String SCHEDULED = "review.scheduled";
    public static final String DECLINED = "review.declined";
    public static final String CANCELLED = "review.cancelled";
    public static final String FOLLOW_UP_COMPLETED = "review.follow-up-completed";
    public static final String REASON = "the review's follow-up is complete";

    static final String DEFAULT_ACTOR = "review-service";
    private static final Set<String> READ = Set.of(SCHEDULED, DECLINED, CANCELLED, FOLLOW_UP_COMPLETED);

    private final IncidentReviews reviews;

    ReviewEvents(IncidentReviews reviews) {
        this.reviews = reviews;
    }

    @Override
    public Subscription subscription() {
        return Subscription.configured("review-events");
    }

    @Override
    public Uni<Void> handle(IncomingMessage message, InBatch batch) {
        String type = message.type();
        if (!READ.contains(type)) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data = message.object();
        UUID incidentId = uuid(type, data, "incidentId");
        UUID reviewId = uuid(type, data, "reviewId");
        String actor = message.actor() != null && !message.actor().isBlank() ? message.actor() : DEFAULT_ACTOR;
        CommandContext context = CommandContext.by(actor)
                .correlatedWith(message.correlationId() != null ? message.correlationId() : message.id(), message.id());
        return batch.transact(context, work -> switch (type) {
            case SCHEDULED -> reviews.scheduled(work.session(), incidentId, reviewId, requirement(data),
                    occurredAt(message, data));
            case DECLINED -> reviews.ended(work.session(), incidentId, reviewId, ReviewStatus.DECLINED);
            case CANCELLED -> reviews.ended(work.session(), incidentId, reviewId, ReviewStatus.CANCELLED);
            // Closed as recorded now: the review's own clock must not make the close precede anything here.
            default -> reviews.ended(work.session(), incidentId, reviewId, ReviewStatus.FOLLOWED_UP)
                    .flatMap(v -> work.execute(Streams.INCIDENT, incidentId.toString(), ExpectedVersion.ANY,
                            IncidentCommand.Close.after(ClosingCause.FOLLOW_UP_COMPLETED, REASON, reviewId, actor,
                                    work.recordedAt())))
                    .replaceWithVoid();
        }).replaceWithVoid();
    }

    private static String requirement(JsonNode data) {
        JsonNode value = data.get("requirement");
        if (value == null || !value.isTextual() || !Set.of("REQUIRED", "SUGGESTED", "NONE").contains(value.asText())) {
            throw new PoisonMessage(SCHEDULED + " without a requirement of REQUIRED, SUGGESTED or NONE");
        }
        return value.asText();
    }

    private static Instant occurredAt(IncomingMessage message, JsonNode data) {
        JsonNode value = data.get("occurredAt");
        try {
            return value != null && value.isTextual() ? Instant.parse(value.asText())
                    : message.time() != null ? message.time() : Instant.EPOCH;
        } catch (RuntimeException e) {
            throw new PoisonMessage(SCHEDULED + " with 'occurredAt' not an RFC 3339 time: " + value.asText());
        }
    }

    private static UUID uuid(String type, JsonNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || !value.isTextual()) {
            throw new PoisonMessage(type + " without a string '" + field + "'");
        }
        try {
            return UUID.fromString(value.asText());
        } catch (IllegalArgumentException e) {
            throw new PoisonMessage(type + " with '" + field + "' not a UUID: " + value.asText());
        }
    }
}
