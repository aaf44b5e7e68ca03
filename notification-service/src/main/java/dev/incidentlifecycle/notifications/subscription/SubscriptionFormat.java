package dev.incidentlifecycle.notifications.subscription;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a subscription's messages are written. */
public enum SubscriptionFormat {
    /** The event as JSON ({@code type}, {@code timestamp}, {@code data}), signed per Standard Webhooks. */
    @JsonProperty("standard-webhooks") STANDARD_WEBHOOKS,
    /** A Slack Block Kit message for a Slack incoming-webhook URL. */
    @JsonProperty("slack") SLACK
}
