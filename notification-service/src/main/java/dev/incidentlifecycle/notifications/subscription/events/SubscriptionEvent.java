package dev.incidentlifecycle.notifications.subscription.events;

import dev.incidentlifecycle.notifications.subscription.SubscriptionFormat;

import java.time.Instant;
import java.util.UUID;

/**
 * What notification-service tells others about a webhook subscription, published on {@code notification-events}.
 * Subscriptions themselves are configuration (a table, not event-sourced); their stream holds only these notices.
 */
public sealed interface SubscriptionEvent {

    /**
     * {@code webhook.subscription-disabled}: every delivery to the subscription failed for the configured time, so
     * it was disabled and receives nothing until an admin enables it. The target URL is not included: a Slack
     * incoming-webhook URL is itself a secret.
     *
     * @param failingSince the first failed attempt since the last success
     * @param disabledAt   when it was disabled
     */
    record DisabledAutomatically(UUID subscriptionId, SubscriptionFormat format, String description, String reason,
                                 Instant failingSince, Instant disabledAt) implements SubscriptionEvent {
    }
}
