package dev.incidentlifecycle.actions.review;

import dev.incidentlifecycle.actions.actionitem.ActionItemCommand;
import dev.incidentlifecycle.actions.actionitem.ReviewOutcome;
import dev.incidentlifecycle.actions.actionitem.readmodel.ActionItemQueries;
import dev.incidentlifecycle.actions.actionitem.readmodel.ActionItemRow;
import dev.incidentlifecycle.actions.actionitem.store.ActionItemAggregate;
import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.InOrder;
import dev.incidentlifecycle.eventstore.UnitOfWork;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;
import dev.incidentlifecycle.eventstore.consuming.MessageHandler;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code review-events}. Review outcomes become action items: {@code review.published} creates the review's
 * items, {@code review.amended} applies the new list (changes, additions, removals) to the items of that review's
 * outcome only. Reviews themselves are remembered in {@link KnownReviews} (created by {@code review.scheduled} or
 * {@code review.awaiting-facilitator}, re-rated by {@code review.severity-changed}, closed by {@code review.cancelled}
 * or {@code review.declined}: {@link ReviewNews}), so that an action item created by hand can reference one.
 * {@code review.recurrence-found} marks the earlier reviews' completed items as recurred ({@code action-item.recurred});
 * an item id this service does not hold is skipped with a log line, not dead-lettered (the item may belong to a
 * review whose outcome was refused here). Every other review event is ignored. Each message runs in its batch's transaction with the partition's position
 * and its inbox entry, so a redelivery changes nothing; and creation is idempotent per item id, so even the same
 * outcome published again makes no duplicate.
 */
@ApplicationScoped
public class ReviewOutcomeConsumer implements MessageHandler {

    static final String PUBLISHED = "review.published";
    static final String AMENDED = "review.amended";
    static final String RECURRENCE_FOUND = "review.recurrence-found";
    private static final Logger LOG = Logger.getLogger(ReviewOutcomeConsumer.class);
    /** The actor of commands when the review event names none. */
    static final String SERVICE = "review-service";

    private final EventStore store;
    private final ActionItemAggregate aggregate;

    ReviewOutcomeConsumer(EventStore store, ActionItemAggregate aggregate) {
        this.store = store;
        this.aggregate = aggregate;
    }

    @Override
    public Subscription subscription() {
        return Subscription.configured("review-events");
    }

    @Override
    public Uni<Void> handle(IncomingMessage message, InBatch batch) {
        if (message.type() == null) {
            throw new PoisonMessage("not a CloudEvent: review-events carries review events, each with a type");
        }
        boolean outcome = PUBLISHED.equals(message.type()) || AMENDED.equals(message.type());
        boolean recurrence = RECURRENCE_FOUND.equals(message.type());
        if (!outcome && !recurrence && !ReviewNews.TYPES.contains(message.type())) {
            return Uni.createFrom().voidItem();
        }
        message.requireDataVersionUpTo(1);
        if (recurrence) {
            return recurrence(message, batch);
        }
        return outcome ? outcome(message, batch) : review(message, batch);
    }

    /** Earlier reviews' completed items recurred: each item held here is marked, once per later review. */
    private Uni<Void> recurrence(IncomingMessage message, InBatch batch) {
        RecurrenceMessage payload = message.as(RecurrenceMessage.class);
        String actor = firstNonBlank(payload.actor(), message.actor(), SERVICE);
        CommandContext context = CommandContext.by(actor)
                .correlatedWith(message.correlationId() != null ? message.correlationId() : message.id(), message.id());
        Instant at = firstNonNull(payload.occurredAt(), message.time());
        if (at != null) {
            context = context.occurredAt(at);
        }
        return batch.transact(context, work -> {
            List<ActionItemCommand> held = new ArrayList<>();
            return InOrder.each(payload.commands(actor, work.occurredAt()), command ->
                    work.session().find(ActionItemRow.class, command.actionItemId()).invoke(row -> {
                        if (row == null) {
                            LOG.infof("review.recurrence-found %s of review %s names action item %s, which is not held "
                                    + "here: skipped", message.id(), payload.reviewId(), command.actionItemId());
                        } else {
                            held.add(command);
                        }
                    })).flatMap(v -> runInOrder(work, held));
        }).replaceWithVoid();
    }

    /** A review created, re-rated or closed: the copy of reviews changes, no action item does. */
    private Uni<Void> review(IncomingMessage message, InBatch batch) {
        ReviewNews news = ReviewNews.read(message);
        CommandContext context = CommandContext.by(firstNonBlank(message.actor(), SERVICE)).correlatedWith(
                message.correlationId() != null ? message.correlationId() : message.id(), message.id());
        return batch.transact(context, work -> KnownReviews.apply(work.session(), news, heardAt(message, work)));
    }

    /** The copy's times are the events' own, so that a replay of the topic rebuilds the same rows. */
    private static Instant heardAt(IncomingMessage message, UnitOfWork work) {
        return firstNonNull(message.time(), work.recordedAt());
    }

    private Uni<Void> outcome(IncomingMessage message, InBatch batch) {
        boolean published = PUBLISHED.equals(message.type());
        ReviewOutcomeMessage payload = message.as(ReviewOutcomeMessage.class);
        ReviewOutcome outcome = payload.toOutcome();
        String actor = firstNonBlank(payload.actor(), message.actor(), SERVICE);
        // The SLA counts from when the review was published (or amended), not from when this service heard of it.
        Instant at = published ? firstNonNull(payload.publishedAt(), message.time())
                : firstNonNull(payload.amendedAt(), message.time());
        CommandContext context = CommandContext.by(actor)
                .correlatedWith(message.correlationId() != null ? message.correlationId() : message.id(), message.id());
        if (at != null) {
            context = context.occurredAt(at);
        }
        return batch.transact(context, work -> {
            Instant when = work.occurredAt();
            Uni<List<ActionItemCommand>> commands = published
                    ? Uni.createFrom().item(outcome.whenPublished(actor, when))
                    : ActionItemQueries.itemsOfReview(work.session(), outcome.origin().reviewId())
                            .map(held -> outcome.whenAmended(held, actor, when));
            return commands.flatMap(list -> runInOrder(work, list));
        }).replaceWithVoid();
    }

    private Uni<Void> runInOrder(UnitOfWork work, List<ActionItemCommand> commands) {
        var type = aggregate.type();
        return InOrder.each(commands, command ->
                work.execute(type, ActionItemAggregate.aggregateId(command.actionItemId()), ExpectedVersion.ANY, command));
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static Instant firstNonNull(Instant a, Instant b) {
        return a != null ? a : b;
    }
}
