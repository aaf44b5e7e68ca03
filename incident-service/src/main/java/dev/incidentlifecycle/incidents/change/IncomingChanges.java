package dev.incidentlifecycle.incidents.change;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.eventstore.UnitOfWork;
import dev.incidentlifecycle.eventstore.consuming.BatchHandler;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import dev.incidentlifecycle.incidents.alert.AlertLimits;
import dev.incidentlifecycle.incidents.alert.PagerDutyEvent;
import dev.incidentlifecycle.incidents.alert.Validated;
import dev.incidentlifecycle.incidents.integration.Integrations;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The consumer of {@code changes}: each record is a PagerDuty Change Events body (plain JSON, or the data of a
 * CloudEvent in binary or structured mode; {@code routing_key} optional), written by {@code POST /v2/change/enqueue}
 * or by any sender with access to the topic. A batch of one partition is stored in one transaction, in one multi-row
 * insert. A record that is not a valid change event goes to {@code changes.dlq} with the validation errors as its
 * reason; so does one whose service cannot be told.
 *
 * <p>Each change's id is derived from its record's CloudEvent id (else its topic, partition and offset), so a record
 * delivered again — by the sender, or by the topic after a crash — is stored once.
 */
@ApplicationScoped
public class IncomingChanges implements BatchHandler<IncomingChanges.Reported> {

    /** Who a change is by when its record does not say ({@code ce_actor}). */
    static final String DEFAULT_ACTOR = "changes";

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final Changes changes;
    private final Integrations integrations;

    IncomingChanges(Changes changes, Integrations integrations) {
        this.changes = changes;
        this.integrations = integrations;
    }

    /** A record read: the change, its stable id, who sent it and when the record says it was sent. */
    record Reported(UUID id, ChangeEvent change, String actor, Instant sentAt) {
    }

    @Override
    public Subscription subscription() {
        return Subscription.configured("changes");
    }

    @Override
    public Reported read(IncomingMessage message) {
        Map<String, Object> body = EventJson.mapper().convertValue(message.object(), JSON_OBJECT);
        Validated<ChangeEvent> validated = PagerDutyChangeEvent.validate(body, PagerDutyEvent.RoutingKey.OPTIONAL);
        if (validated instanceof Validated.Invalid<ChangeEvent> invalid) {
            throw new PoisonMessage("not a valid PagerDuty change event: " + String.join("; ", invalid.errors()));
        }
        ChangeEvent change = ((Validated.Valid<ChangeEvent>) validated).value();
        String actor = actorOf(message);
        if (change.serviceWith(null) == null && DEFAULT_ACTOR.equals(actor)) {
            throw new PoisonMessage("not a valid PagerDuty change event: " + PagerDutyChangeEvent.noService());
        }
        return new Reported(UUID.nameUUIDFromBytes(("change:" + message.id()).getBytes(StandardCharsets.UTF_8)), change,
                actor, message.time());
    }

    @Override
    public Uni<Void> handle(UnitOfWork work, int partition, List<Read<Reported>> batch) {
        Set<String> senders = new LinkedHashSet<>();
        batch.forEach(read -> {
            if (read.value().change().namedService() == null) {
                senders.add(read.value().actor());
            }
        });
        return integrations.servicesOf(work.session(), senders).flatMap(services -> {
            List<Changes.Stored> stored = new ArrayList<>(batch.size());
            for (Read<Reported> read : batch) {
                Reported reported = read.value();
                String service = reported.change().serviceWith(services.get(reported.actor()));
                if (service == null) {
                    throw new PoisonMessage("not a valid PagerDuty change event: " + PagerDutyChangeEvent.noService());
                }
                Instant occurredAt = reported.change().timestamp() != null ? reported.change().timestamp()
                        : reported.sentAt() != null ? reported.sentAt() : work.recordedAt();
                stored.add(new Changes.Stored(reported.id(), service, reported.change(), occurredAt, reported.actor()));
            }
            return changes.store(work.session(), stored, work.recordedAt());
        });
    }

    private static String actorOf(IncomingMessage message) {
        String actor = message.actor();
        if (actor == null || actor.isBlank()) {
            return DEFAULT_ACTOR;
        }
        String stripped = actor.strip();
        return stripped.length() <= AlertLimits.CLIENT ? stripped : stripped.substring(0, AlertLimits.CLIENT);
    }
}
