package dev.incidentlifecycle.eventstore;

import java.util.UUID;

/**
 * One row of the event log as stored: the envelope, with the payload still JSON text.
 *
 * @param aggregateId the stream id without its type prefix: the Kafka key and CloudEvents subject
 */
public record StoredEvent(
        long globalPosition,
        UUID eventId,
        String streamType,
        String streamId,
        String aggregateId,
        long streamVersion,
        String type,
        int typeVersion,
        String payload,
        EventMetadata metadata) {
}
