package dev.incidentlifecycle.notifications.subscription;

import dev.incidentlifecycle.notifications.event.NotifiedEvent;

import java.util.Set;
import java.util.UUID;

/** A subscription as the consumer matches events against it. */
public record Subscription(UUID id, String targetUrl, SubscriptionFormat format, Set<String> eventTypes, EventFilter filter) {

    public boolean wants(NotifiedEvent event) {
        return eventTypes.contains(event.type()) && filter.matches(event.facts());
    }
}
