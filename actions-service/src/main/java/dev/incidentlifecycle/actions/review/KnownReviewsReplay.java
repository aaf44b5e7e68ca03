package dev.incidentlifecycle.actions.review;

import dev.incidentlifecycle.eventstore.SqlRows;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import dev.incidentlifecycle.web.replay.TopicReadModel;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The copy of known reviews as a read model built from {@code review-events}: replayed with the very reading the
 * consumer does ({@link ReviewNews}), by {@code POST /admin/topic-read-models/known-reviews/replay}. The rows are held
 * in memory during the replay: one small row per review.
 */
@ApplicationScoped
public class KnownReviewsReplay implements TopicReadModel {

    /** The read model's name in the admin API. */
    public static final String NAME = "known-reviews";

    private static final String[] COLUMNS = {"cast(? as uuid)", "cast(? as uuid)", "cast(? as text)", "cast(? as text)",
            "cast(? as text)", "?", "cast(? as timestamptz)", "cast(? as timestamptz)"};

    private final Subscription subscription = Subscription.configured("review-events");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Subscription> subscriptions() {
        return List.of(subscription);
    }

    @Override
    public List<String> tables() {
        return List.of("known_review");
    }

    @Override
    public Copy copy() {
        return new KnownReviewsCopy();
    }

    private static final class KnownReviewsCopy implements Copy {
        private final Map<UUID, KnownReview> rows = new HashMap<>();

        /** As the consumer reads a record: types it does not read change nothing. */
        @Override
        public void apply(IncomingMessage message, Instant timestamp) {
            if (message.type() == null || !ReviewNews.TYPES.contains(message.type())) {
                return;
            }
            ReviewNews news = ReviewNews.read(message);
            Instant at = message.time() != null ? message.time() : timestamp;
            KnownReview after = news.applyTo(rows.get(news.reviewId()), at);
            if (after != null) {
                rows.put(news.reviewId(), after);
            }
        }

        @Override
        public int rows() {
            return rows.size();
        }

        @Override
        public Uni<Void> replace(Mutiny.Session session) {
            Uni<Void> chain = session.createNativeQuery("delete from known_review").executeUpdate().replaceWithVoid();
            for (List<KnownReview> chunk : SqlRows.chunks(List.copyOf(rows.values()))) {
                chain = chain.flatMap(v -> {
                    var statement = session.createNativeQuery("insert into known_review (review_id, incident_id, incident_number, "
                            + "severity, service, closed, first_seen_at, updated_at) values " + SqlRows.values(chunk.size(), COLUMNS));
                    int parameter = 1;
                    for (KnownReview row : chunk) {
                        statement.setParameter(parameter++, row.reviewId);
                        statement.setParameter(parameter++, row.incidentId);
                        statement.setParameter(parameter++, row.incidentNumber);
                        statement.setParameter(parameter++, row.severity.name());
                        statement.setParameter(parameter++, row.service);
                        statement.setParameter(parameter++, row.closed);
                        statement.setParameter(parameter++, OffsetDateTime.ofInstant(row.firstSeenAt, ZoneOffset.UTC));
                        statement.setParameter(parameter++, OffsetDateTime.ofInstant(row.updatedAt, ZoneOffset.UTC));
                    }
                    return statement.executeUpdate().replaceWithVoid();
                });
            }
            return chain;
        }
    }
}
