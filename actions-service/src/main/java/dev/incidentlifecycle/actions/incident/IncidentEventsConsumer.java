package dev.incidentlifecycle.actions.incident;

import dev.incidentlifecycle.eventstore.UnitOfWork;
import dev.incidentlifecycle.eventstore.consuming.BatchHandler;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads {@code incident-events} into the copy of known incidents ({@link KnownIncidents}): {@code incident.declared}
 * remembers an incident, {@code incident.edited} and {@code incident.severity-changed} correct it, and
 * {@code incident.mitigated}, {@code .resolved}, {@code .reopened}, {@code .closed} and {@code .merged} move its status
 * ({@link IncidentNews}). Every other incident event is skipped; nothing here creates or changes an action item.
 *
 * <p>Set-based: a batch of one partition reads the copy's rows of its incidents in one statement, applies the news in
 * offset order in memory and writes the rows it changed in one more. The batch's transaction also compares and sets
 * the partition's position and records the CloudEvent ids in the inbox, so a redelivery changes nothing.
 */
@ApplicationScoped
public class IncidentEventsConsumer implements BatchHandler<IncidentNews> {

    private final Subscription subscription = Subscription.configured("incident-events");

    @Override
    public Subscription subscription() {
        return subscription;
    }

    /** The record's news; null for a type that tells the copy nothing (passed over, without an inbox entry). */
    @Override
    public IncidentNews read(IncomingMessage message) {
        if (message.type() == null) {
            throw new PoisonMessage("not a CloudEvent: incident-events carries incident events, each with a type");
        }
        return IncidentNews.read(message);
    }

    @Override
    public Uni<Void> handle(UnitOfWork work, int partition, List<Read<IncidentNews>> batch) {
        Set<UUID> incidents = new LinkedHashSet<>();
        batch.forEach(read -> incidents.add(read.value().incidentId()));
        return KnownIncidents.load(work.session(), incidents).flatMap(known -> {
            Map<UUID, KnownIncident> changed = new LinkedHashMap<>();
            for (Read<IncidentNews> read : batch) {
                UUID id = read.value().incidentId();
                KnownIncident after = read.value().applyTo(known.get(id), heardAt(read.message(), work));
                if (after != null) {
                    known.put(id, after);
                    changed.put(id, after);
                }
            }
            return KnownIncidents.upsert(work.session(), List.copyOf(changed.values()));
        });
    }

    /** The copy's times are the events' own, so that a replay of the topic rebuilds the same rows. */
    private static Instant heardAt(IncomingMessage message, UnitOfWork work) {
        return message.time() != null ? message.time() : work.recordedAt();
    }
}
