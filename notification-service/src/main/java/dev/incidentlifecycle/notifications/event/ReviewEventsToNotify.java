package dev.incidentlifecycle.notifications.event;

import dev.incidentlifecycle.notifications.subscription.Subscriptions;
import jakarta.inject.Singleton;

import java.time.Clock;

/** review-events, group notification-service. */
@Singleton
public class ReviewEventsToNotify extends EventsToNotify {
    ReviewEventsToNotify(Subscriptions subscriptions, MessageBodies bodies, Clock clock) {
        super("review-events", subscriptions, bodies, clock);
    }
}
