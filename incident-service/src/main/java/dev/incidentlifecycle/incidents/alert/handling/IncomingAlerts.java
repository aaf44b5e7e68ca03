package dev.incidentlifecycle.incidents.alert.handling;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;
import dev.incidentlifecycle.eventstore.consuming.ReliableConsumer;
import dev.incidentlifecycle.incidents.alert.AlertCommand;
import dev.incidentlifecycle.incidents.alert.AlertSignal;
import dev.incidentlifecycle.incidents.alert.PagerDutyEvent;
import dev.incidentlifecycle.incidents.alert.Validated;
import dev.incidentlifecycle.incidents.eventlog.Streams;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * The consumer of {@code alerts}: each record is a PagerDuty Events API v2 body (plain JSON, or the data of a
 * CloudEvent in binary or structured mode), keyed by its dedup key.
 *
 * <p>One record is one transaction: the inbox entry (a redelivered record changes nothing), the alert's
 * events on its dedup key's stream, and what {@link AlertTriage} decides for the incidents. A record that is
 * not a valid event is dead-lettered to {@code alerts.dlq} with the validation errors as its reason.
 */
@ApplicationScoped
public class IncomingAlerts {

    /** The consumer's name in the inbox. */
    static final String CONSUMER = "incident-service/alerts";
    /** Who the alert events are by when the record does not say. */
    static final String DEFAULT_ACTOR = "alerts";

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };
    private static final int MAX_ACTOR_LENGTH = 200;

    private final ReliableConsumer consumer;
    private final EventStore store;
    private final AlertTriage triage;
    private final AlertMetrics metrics;

    IncomingAlerts(ReliableConsumer consumer, EventStore store, AlertTriage triage, AlertMetrics metrics) {
        this.consumer = consumer;
        this.store = store;
        this.triage = triage;
        this.metrics = metrics;
    }

    @Incoming("alerts")
    public Uni<Void> on(ConsumerRecord<String, byte[]> record) {
        return consumer.handle(record, this::handle);
    }

    Uni<Void> handle(IncomingMessage message) {
        AlertSignal signal = signalOf(message);
        CommandContext context = CommandContext.by(actorOf(message, signal))
                .correlatedWith(message.correlationId() != null ? message.correlationId() : message.id(), message.id())
                .handling(CONSUMER, message.id());
        return store.transact(context, work -> work
                        .execute(Streams.ALERT, signal.dedupKey(), ExpectedVersion.ANY,
                                AlertCommand.from(signal, UUID.randomUUID(), work.recordedAt()))
                        .flatMap(decided -> triage.followUp(work, decided).replaceWith(decided)))
                .invoke(decided -> {
                    // Null: the inbox already had this record; it was counted when it was handled.
                    if (decided != null) {
                        metrics.received(message, signal, decided.changed());
                    }
                })
                .replaceWithVoid();
    }

    /** The record's PagerDuty body as a signal; anything else is poison, with every reason. */
    static AlertSignal signalOf(IncomingMessage message) {
        Map<String, Object> body = EventJson.mapper().convertValue(message.object(), JSON_OBJECT);
        // A trigger without a dedup key gets one derived from the record's id: the same on every redelivery.
        Validated<AlertSignal> validated = PagerDutyEvent.validate(body,
                () -> UUID.nameUUIDFromBytes(message.id().getBytes(StandardCharsets.UTF_8)).toString(),
                PagerDutyEvent.RoutingKey.OPTIONAL);
        if (validated instanceof Validated.Invalid<AlertSignal> invalid) {
            throw new PoisonMessage("not a valid PagerDuty Events API v2 event: " + String.join("; ", invalid.errors()));
        }
        return ((Validated.Valid<AlertSignal>) validated).value();
    }

    /** Who the record says sent it (CloudEvent actor, else the PagerDuty client), else {@value #DEFAULT_ACTOR}. */
    static String actorOf(IncomingMessage message, AlertSignal signal) {
        for (String candidate : new String[] {message.actor(), signal.client()}) {
            if (candidate != null && !candidate.isBlank()) {
                String actor = candidate.strip();
                return actor.length() <= MAX_ACTOR_LENGTH ? actor : actor.substring(0, MAX_ACTOR_LENGTH);
            }
        }
        return DEFAULT_ACTOR;
    }
}
