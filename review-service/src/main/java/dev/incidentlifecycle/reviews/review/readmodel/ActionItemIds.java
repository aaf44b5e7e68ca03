package dev.incidentlifecycle.reviews.review.readmodel;

import dev.incidentlifecycle.eventstore.AggregateType;
import dev.incidentlifecycle.eventstore.Projection;
import dev.incidentlifecycle.eventstore.RecordedEvent;
import dev.incidentlifecycle.reviews.review.ReviewEvent;
import dev.incidentlifecycle.reviews.review.store.ReviewAggregate;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which review each action item id belongs to (table {@code review_action_item}). The first review to propose an
 * id keeps it, even after withdrawing the item: actions-service knows the item under that id and that review.
 */
@ApplicationScoped
public class ActionItemIds implements Projection<ReviewEvent> {

    public static final String NAME = "action-item-ids";

    private final ReviewAggregate aggregate;

    ActionItemIds(ReviewAggregate aggregate) {
        this.aggregate = aggregate;
    }

    @Override
    public AggregateType<?, ?, ReviewEvent> aggregate() {
        return aggregate.type();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Void> apply(Mutiny.Session session, RecordedEvent<ReviewEvent> recorded) {
        if (!(recorded.event() instanceof ReviewEvent.ActionItemProposed proposed)) {
            return Uni.createFrom().voidItem();
        }
        return session.createNativeQuery("insert into review_action_item (action_item_id, review_id) values (:item, :review) "
                        + "on conflict (action_item_id) do nothing")
                .setParameter("item", proposed.actionItemId())
                .setParameter("review", proposed.reviewId())
                .executeUpdate()
                .replaceWithVoid();
    }

    @Override
    public List<String> tables() {
        return List.of("review_action_item");
    }

    /** The review that holds {@code actionItemId}, if any. */
    public static Uni<Optional<UUID>> reviewOf(Mutiny.Session session, UUID actionItemId) {
        return session.createNativeQuery("select review_id from review_action_item where action_item_id = :item", UUID.class)
                .setParameter("item", actionItemId)
                .getResultList()
                .map(rows -> rows.stream().findFirst());
    }
}
