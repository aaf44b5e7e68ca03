package dev.incidentlifecycle.eventstore;

import java.time.Instant;
import java.util.UUID;

/**
 * Who asks for a change, when it happened by their account, and what set it off. Every event a
 * command produces is stored with these, and with the time the store recorded it.
 *
 * @param occurredAt when it happened, or null for "now" (the recorded time)
 * @param inbox      the message being handled, for consumers: a redelivered message changes nothing
 */
public record CommandContext(String actor, Instant occurredAt, String correlationId, String causationId, InboxEntry inbox) {

    public static CommandContext by(String actor) {
        String id = UUID.randomUUID().toString();
        return new CommandContext(actor, null, id, id, null);
    }

    public CommandContext occurredAt(Instant when) {
        return new CommandContext(actor, when, correlationId, causationId, inbox);
    }

    public CommandContext correlatedWith(String correlation, String causation) {
        return new CommandContext(actor, occurredAt, correlation, causation, inbox);
    }

    /** Marks this context as the handling of one message by one consumer. */
    public CommandContext handling(String consumer, String messageId) {
        return new CommandContext(actor, occurredAt, correlationId, causationId, new InboxEntry(consumer, messageId));
    }

    /** One consumer's receipt of one message. */
    public record InboxEntry(String consumer, String messageId) {
    }
}
