package dev.incidentlifecycle.actions.review;

import dev.incidentlifecycle.actions.actionitem.ReviewOrigin;
import dev.incidentlifecycle.actions.incident.KnownIncidents;
import dev.incidentlifecycle.actions.replay.TopicReadModel;
import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventstore.SqlColumns;
import dev.incidentlifecycle.eventstore.StreamNotFound;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The reviews this service knows: learned from {@code review-events} in the consumer's transaction, and looked up
 * when someone creates an action item by hand. A read model built from the topic ({@link TopicReadModel}
 * {@value #NAME}), replayable from its first record. An incident without a review is looked up in
 * {@link KnownIncidents}, learned from {@code incident-events}.
 */
@ApplicationScoped
public class KnownReviews implements TopicReadModel<KnownReview> {

    /** The read model's name in the admin API. */
    public static final String NAME = "known-reviews";

    private static final String[] COLUMNS = {"review_id", "incident_id", "incident_number", "severity", "service", "closed",
            "first_seen_at", "updated_at"};

    private final Subscription subscription = Subscription.configured("review-events");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Subscription subscription() {
        return subscription;
    }

    @Override
    public String table() {
        return "known_review";
    }

    @Override
    public TopicReadModel.News<KnownReview> read(IncomingMessage message) {
        return ReviewNews.TYPES.contains(message.type()) ? ReviewNews.read(message) : null;
    }

    @Override
    public Uni<Void> write(Mutiny.Session session, List<KnownReview> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        SqlColumns columns = new SqlColumns(COLUMNS.length, rows.size());
        for (KnownReview row : rows) {
            columns.row().add(row.reviewId).add(row.incidentId).add(row.incidentNumber).add(row.severity.name())
                    .add(row.service).add(row.closed).add(row.firstSeenAt).add(row.updatedAt);
        }
        return columns.bind(session.createNativeQuery("insert into known_review (" + String.join(", ", COLUMNS) + ") "
                        + "select cast(r.review_id as uuid), cast(r.incident_id as uuid), r.incident_number, r.severity, r.service, "
                        + "cast(r.closed as boolean), cast(r.first_seen_at as timestamptz), cast(r.updated_at as timestamptz) from "
                        + SqlColumns.unnest("r", COLUMNS) + " order by r.position"))
                .executeUpdate().replaceWithVoid();
    }

    /** Applies what a review event tells about its review to the copy, in the consumer's transaction. */
    static Uni<Void> apply(Mutiny.Session session, ReviewNews news, Instant at) {
        return session.find(KnownReview.class, news.reviewId()).flatMap(known -> {
            KnownReview after = news.applyTo(known, at);
            return known == null && after != null ? session.persist(after) : Uni.createFrom().voidItem();
        });
    }

    /**
     * What an action item created by hand references: the review named (and, when the incident is named too, it
     * must be that review's), or else the incident's latest open review (its latest review when all are closed), or
     * else, for an incident with no review, the incident alone ({@link ReviewOrigin#withoutReview}, its severity now).
     *
     * @throws StreamNotFound  (404) for a review or incident this service has not heard of
     * @throws InvalidCommand (400) when neither is named, or the review is about another incident
     */
    public static Uni<ReviewOrigin> reference(Mutiny.Session session, UUID reviewId, UUID incidentId) {
        if (reviewId != null) {
            return session.find(KnownReview.class, reviewId).map(known -> {
                if (known == null) {
                    throw new StreamNotFound("no review " + reviewId + " is known to actions-service");
                }
                if (incidentId != null && !incidentId.equals(known.incidentId)) {
                    throw new InvalidCommand("incidentId", "review " + reviewId + " is about incident " + known.incidentId
                            + ", not " + incidentId);
                }
                return known.asOrigin();
            });
        }
        if (incidentId == null) {
            return Uni.createFrom().failure(new InvalidCommand("reviewId",
                    "name the review (reviewId) or the incident (incidentId) the action item is for"));
        }
        return session.createSelectionQuery("from KnownReview k where k.incidentId = :incident "
                        + "order by k.closed asc, k.firstSeenAt desc, k.reviewId asc", KnownReview.class)
                .setParameter("incident", incidentId)
                .setMaxResults(1)
                .getResultList()
                .flatMap(found -> found.isEmpty() ? KnownIncidents.withoutReview(session, incidentId)
                        : Uni.createFrom().item(found.get(0).asOrigin()));
    }
}
