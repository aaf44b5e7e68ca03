package dev.incidentlifecycle.reviews.review.store;

import dev.incidentlifecycle.eventstore.AggregateType;
import dev.incidentlifecycle.eventstore.EventCodec;
import dev.incidentlifecycle.reviews.languagecheck.LanguageCheck;
import dev.incidentlifecycle.reviews.review.ReviewCommand;
import dev.incidentlifecycle.reviews.review.ReviewDecider;
import dev.incidentlifecycle.reviews.review.ReviewEvent;
import dev.incidentlifecycle.reviews.review.ReviewState;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.UUID;

/**
 * The review aggregate as the event store knows it: streams {@code review-<uuid>}, published on
 * {@code review-events}, every event under its public type name. A bean, not a constant, because the
 * decider judges language with the configured check.
 */
@ApplicationScoped
public class ReviewAggregate {

    /** The stream type: stream ids are {@code review-<id>}. */
    public static final String STREAM_TYPE = "review";

    /** Long-running reviews collect many document edits: a snapshot every so many events keeps loading quick. */
    static final int SNAPSHOT_EVERY = 25;

    /** Every event type of a review, version 1 each. */
    public static final EventCodec<ReviewEvent> CODEC = codec();

    private final ReviewDecider decider;
    private final AggregateType<ReviewCommand, ReviewState, ReviewEvent> type;

    ReviewAggregate(LanguageCheck languageCheck) {
        this.decider = new ReviewDecider(languageCheck);
        this.type = new AggregateType<>(STREAM_TYPE, decider, CODEC, ReviewState.class, SNAPSHOT_EVERY);
    }

    public AggregateType<ReviewCommand, ReviewState, ReviewEvent> type() {
        return type;
    }

    public ReviewDecider decider() {
        return decider;
    }

    /** The aggregate id of a review: its UUID as text, also the Kafka key and CloudEvents subject. */
    public static String aggregateId(UUID reviewId) {
        return reviewId.toString();
    }

    private static EventCodec<ReviewEvent> codec() {
        EventCodec.Builder<ReviewEvent> builder = EventCodec.of(ReviewEvent.class);
        for (Map.Entry<String, Class<? extends ReviewEvent>> entry : ReviewEvent.classesByType().entrySet()) {
            builder.event(entry.getKey(), entry.getValue());
        }
        return builder.build();
    }
}
