package dev.incidentlifecycle.actions.actionitem.store;

import dev.incidentlifecycle.actions.actionitem.ActionItem;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand;
import dev.incidentlifecycle.actions.actionitem.ActionItemDecider;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent;
import dev.incidentlifecycle.actions.sla.DueDateSla;
import dev.incidentlifecycle.eventstore.AggregateType;
import dev.incidentlifecycle.eventstore.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The action item aggregate as the event store knows it: streams {@code action-item-<id>}, every event
 * under its public type name, decided with the configured SLA. It is a bean, not a constant, because the
 * decider needs the SLA terms from the configuration.
 */
@ApplicationScoped
public class ActionItemAggregate {

    /** The stream type: stream ids are {@code action-item-<id>}, published on {@code action-item-events}. */
    public static final String STREAM_TYPE = "action-item";

    /** Every event type of an action item, by its public name. */
    private static final Map<String, Class<? extends ActionItemEvent>> EVENTS = Map.ofEntries(
            Map.entry("action-item.created", ActionItemEvent.Created.class),
            Map.entry("action-item.started", ActionItemEvent.Started.class),
            Map.entry("action-item.completed", ActionItemEvent.Completed.class),
            Map.entry("action-item.wont-do", ActionItemEvent.ClosedAsWontDo.class),
            Map.entry("action-item.reopened", ActionItemEvent.Reopened.class),
            Map.entry("action-item.reassigned", ActionItemEvent.Reassigned.class),
            Map.entry("action-item.due-date-changed", ActionItemEvent.DueDateChanged.class),
            Map.entry("action-item.tracker-linked", ActionItemEvent.TrackerLinked.class),
            Map.entry("action-item.amended", ActionItemEvent.Amended.class),
            Map.entry("action-item.removed", ActionItemEvent.Removed.class),
            Map.entry("action-item.overdue", ActionItemEvent.BecameOverdue.class),
            Map.entry("action-item.recurred", ActionItemEvent.Recurred.class));

    /**
     * Every event type is at version 2, what new events are stored and published as (the whole topic moves to a
     * version at once). Version 2 lets reviewId be null, for an item created by hand for an incident that had no
     * review, which version 1's contract (reviewId always a review's id) does not allow. It only widens version 1, so
     * a stored version 1 payload is read as it is.
     */
    public static final EventCodec<ActionItemEvent> CODEC = codec();

    private static EventCodec<ActionItemEvent> codec() {
        EventCodec.Builder<ActionItemEvent> codec = EventCodec.of(ActionItemEvent.class);
        EVENTS.forEach((type, eventClass) -> codec.event(type, eventClass).upcast(type, 1, UnaryOperator.identity()));
        return codec.build();
    }

    private final DueDateSla sla;
    private final AggregateType<ActionItemCommand, ActionItem, ActionItemEvent> type;

    ActionItemAggregate(SlaSettings settings) {
        this.sla = new DueDateSla(settings.terms());
        // No snapshots: an action item has a handful of events in its whole life.
        this.type = new AggregateType<>(STREAM_TYPE, new ActionItemDecider(sla), CODEC, ActionItem.class);
    }

    public AggregateType<ActionItemCommand, ActionItem, ActionItemEvent> type() {
        return type;
    }

    public DueDateSla sla() {
        return sla;
    }

    /** The aggregate id of an item: its UUID as text, also the Kafka key and CloudEvents subject. */
    public static String aggregateId(UUID actionItemId) {
        return actionItemId.toString();
    }
}
