package dev.incidentlifecycle.notifications.event;

import dev.incidentlifecycle.notifications.subscription.Subscriptions;
import jakarta.inject.Singleton;

import java.time.Clock;

/** action-item-events, group notification-service. */
@Singleton
public class ActionItemEventsToNotify extends EventsToNotify {
    ActionItemEventsToNotify(Subscriptions subscriptions, MessageBodies bodies, Clock clock) {
        super("action-item-events", subscriptions, bodies, clock);
    }
}
