package dev.incidentlifecycle.reviews.overdue;

import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.reviews.review.ReviewCommand;
import dev.incidentlifecycle.reviews.review.readmodel.ReviewQueries;
import dev.incidentlifecycle.reviews.review.store.ReviewAggregate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Looks for reviews whose due instant passed unpublished and tells each once ({@code review.overdue}): the
 * decider emits it once per due instant, so overlapping sweeps, or several instances sweeping, emit it once.
 */
@ApplicationScoped
public class OverdueSweep {

    private static final Logger LOG = Logger.getLogger(OverdueSweep.class);
    static final String ACTOR = "review-service";

    private final ReviewQueries queries;
    private final EventStore store;
    private final ReviewAggregate reviews;
    private final Clock clock;
    private final Counter becameOverdue;

    OverdueSweep(ReviewQueries queries, EventStore store, ReviewAggregate reviews, Clock clock, MeterRegistry meters) {
        this.queries = queries;
        this.store = store;
        this.reviews = reviews;
        this.clock = clock;
        this.becameOverdue = Counter.builder("reviews_became_overdue")
                .description("Reviews that passed their due date unpublished (review.overdue)").register(meters);
    }

    @Scheduled(every = "${reviews.overdue-sweep:1m}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return sweep()
                .invoke(marked -> {
                    if (marked > 0) {
                        LOG.infof("%d review(s) became overdue", marked);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("the overdue sweep failed, the next one tries again: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Marks every review now overdue; returns how many became overdue in this sweep. */
    public Uni<Integer> sweep() {
        Instant now = clock.instant();
        return queries.awaitedAndDueBefore(now).flatMap(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> store.execute(reviews.type(), ReviewAggregate.aggregateId(id),
                        ExpectedVersion.ANY, new ReviewCommand.MarkOverdue(id, now), CommandContext.by(ACTOR).occurredAt(now)))
                .collect().asList()
                .map(decided -> (int) decided.stream().filter(d -> d.changed()).count()))
                .invoke(count -> becameOverdue.increment(count));
    }
}
