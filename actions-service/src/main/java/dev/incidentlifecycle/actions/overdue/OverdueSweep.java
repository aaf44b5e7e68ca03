package dev.incidentlifecycle.actions.overdue;

import dev.incidentlifecycle.actions.actionitem.ActionItemCommand;
import dev.incidentlifecycle.actions.actionitem.readmodel.ActionItemQueries;
import dev.incidentlifecycle.actions.actionitem.store.ActionItemAggregate;
import dev.incidentlifecycle.actions.actionitem.store.SlaSettings;
import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.InOrder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Emits {@code action-item.overdue} for items whose due date has passed. The read model names the
 * candidates (still owed, due before today, not yet announced for this due date); the aggregate decides,
 * once per due date, so a sweep that runs twice, or on two instances at once, announces nothing twice.
 */
@ApplicationScoped
public class OverdueSweep {

    /** The actor of the overdue events. */
    public static final String ACTOR = "actions-service";

    private static final Logger LOG = Logger.getLogger(OverdueSweep.class);
    private static final UUID FIRST = new UUID(0, 0);
    private static final int BATCH = 200;

    private final ActionItemQueries queries;
    private final EventStore store;
    private final ActionItemAggregate aggregate;
    private final SlaSettings sla;
    private final Clock clock;
    private final Counter becameOverdue;

    OverdueSweep(ActionItemQueries queries, EventStore store, ActionItemAggregate aggregate, SlaSettings sla, Clock clock,
                 MeterRegistry meters) {
        this.queries = queries;
        this.store = store;
        this.aggregate = aggregate;
        this.sla = sla;
        this.clock = clock;
        this.becameOverdue = Counter.builder("action_items_became_overdue")
                .description("Action items that passed their due date still owed (action-item.overdue)").register(meters);
    }

    @Scheduled(identity = "overdue-sweep", every = "${actions.overdue-sweep:1m}", delayed = "${actions.overdue-sweep-delay:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sweep().invoke(marked -> {
            if (marked > 0) {
                LOG.infof("overdue sweep: %d action items became overdue", marked);
            }
        }).replaceWithVoid();
    }

    /** Sweeps once, for today by the service's clock; returns how many items became overdue. */
    public Uni<Integer> sweep() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), sla.zone());
        AtomicInteger marked = new AtomicInteger();
        return sweepAfter(today, FIRST, marked).replaceWith(marked::get).invoke(count -> becameOverdue.increment(count));
    }

    private Uni<Void> sweepAfter(LocalDate today, UUID after, AtomicInteger marked) {
        return queries.overdueUnannounced(today, after, BATCH).flatMap(ids -> {
            if (ids.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> batch = markAll(today, ids, marked);
            return ids.size() < BATCH ? batch : batch.flatMap(v -> sweepAfter(today, ids.get(ids.size() - 1), marked));
        });
    }

    private Uni<Void> markAll(LocalDate today, List<UUID> ids, AtomicInteger marked) {
        var type = aggregate.type();
        // One transaction per item: a failure leaves the others announced, and the next sweep retries it.
        return InOrder.each(ids, id -> store.transact(CommandContext.by(ACTOR), work -> work.execute(type,
                        ActionItemAggregate.aggregateId(id), ExpectedVersion.ANY,
                        new ActionItemCommand.MarkOverdue(id, today, ACTOR, work.occurredAt())))
                .invoke(decided -> {
                    if (decided.changed()) {
                        marked.incrementAndGet();
                    }
                }));
    }
}
