package dev.incidentlifecycle.notifications.event;

import dev.incidentlifecycle.notifications.subscription.Subscriptions;
import jakarta.inject.Singleton;

import java.time.Clock;

/** incident-events, group notification-service. */
@Singleton
public class IncidentEventsToNotify extends EventsToNotify {
    IncidentEventsToNotify(Subscriptions subscriptions, MessageBodies bodies, Clock clock) {
        super("incident-events", subscriptions, bodies, clock);
    }
}
