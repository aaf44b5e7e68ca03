package dev.incidentlifecycle.notifications.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.notifications.NotificationSettings;
import dev.incidentlifecycle.notifications.slack.SlackMessages;
import dev.incidentlifecycle.notifications.subscription.SubscriptionFormat;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The body a subscription is sent for an event, written once when the delivery is recorded so that every retry
 * sends the same bytes. Standard Webhooks: {@code {"type","timestamp","dataversion","data"}} with the event's payload
 * as published on its topic and the CloudEvent dataversion it was published with (which of its type's schemas
 * {@code data} follows: action-item events are at 1 or 2); Slack: a Block Kit message.
 */
@ApplicationScoped
public class MessageBodies {

    private final SlackMessages slack;

    MessageBodies(NotificationSettings settings) {
        this.slack = new SlackMessages(Links.of(settings));
    }

    public String body(SubscriptionFormat format, NotifiedEvent event) {
        ObjectNode body;
        if (format == SubscriptionFormat.SLACK) {
            body = slack.message(event);
        } else {
            body = EventJson.mapper().createObjectNode();
            body.put("type", event.type());
            body.put("timestamp", event.time() == null ? null : event.time().toString());
            body.put("dataversion", event.dataVersion());
            body.set("data", event.data());
        }
        try {
            return EventJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a message body", e);
        }
    }
}
