package dev.incidentlifecycle.notifications.subscription.events;

import dev.incidentlifecycle.eventsourcing.Decider;
import dev.incidentlifecycle.eventstore.AggregateType;
import dev.incidentlifecycle.eventstore.EventCodec;

import java.util.List;
import java.util.UUID;

/**
 * A subscription's stream {@code webhook-subscription-<id>}: the notices the relay publishes on
 * {@code notification-events}. Whether to give one is decided where the subscription's state changes (the disabling
 * update, in the same transaction), so the stream only records it: every notice is appended as told.
 */
public final class SubscriptionNotices implements Decider<SubscriptionNotices.Notify, SubscriptionNotices.Told, SubscriptionEvent> {

    /** The stream type: stream ids are {@code webhook-subscription-<id>}, published on {@code notification-events}. */
    public static final String STREAM_TYPE = "webhook-subscription";

    public static final EventCodec<SubscriptionEvent> CODEC = EventCodec.of(SubscriptionEvent.class)
            .event("webhook.subscription-disabled", SubscriptionEvent.DisabledAutomatically.class)
            .build();

    public static final AggregateType<Notify, Told, SubscriptionEvent> TYPE =
            new AggregateType<>(STREAM_TYPE, new SubscriptionNotices(), CODEC, Told.class);

    /** Tell others this. */
    public record Notify(SubscriptionEvent event) {
    }

    /** How many notices the subscription's stream holds. */
    public record Told(int notices) {
    }

    public static String aggregateId(UUID subscriptionId) {
        return subscriptionId.toString();
    }

    @Override
    public Told initialState() {
        return new Told(0);
    }

    @Override
    public Told evolve(Told state, SubscriptionEvent event) {
        return new Told(state.notices() + 1);
    }

    @Override
    public List<SubscriptionEvent> decide(Notify command, Told state) {
        return List.of(command.event());
    }
}
