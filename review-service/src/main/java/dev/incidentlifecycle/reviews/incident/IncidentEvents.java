package dev.incidentlifecycle.reviews.incident;

import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.UnitOfWork;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.MessageHandler;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import dev.incidentlifecycle.reviews.incident.IncidentPayloads.Step;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Consumes {@code incident-events}: keeps the incidents read model and timeline (as {@link IncidentNews} reads each
 * event), and on resolution, reopening, severity change and merge lets {@link ReviewScheduling} act on the review, all
 * in one transaction with the message's inbox entry. Event types it does not read are skipped.
 */
@ApplicationScoped
public class IncidentEvents implements MessageHandler {

    private final ReviewScheduling scheduling;

    IncidentEvents(ReviewScheduling scheduling) {
        this.scheduling = scheduling;
    }

    @Override
    public Subscription subscription() {
        return Subscription.configured("incident-events");
    }

    @Override
    public Uni<Void> handle(IncomingMessage message, InBatch batch) {
        IncidentNews news = IncidentNews.read(message);
        if (news == null) {
            return Uni.createFrom().voidItem();
        }
        Instant occurredAt = news.occurredAt();
        String correlation = message.correlationId() != null ? message.correlationId() : message.id();
        CommandContext context = CommandContext.by(ReviewScheduling.ACTOR)
                .correlatedWith(correlation, message.id());
        if (occurredAt != null) {
            context = context.occurredAt(occurredAt);
        }
        return batch.transact(context, work -> apply(work, news)).replaceWithVoid();
    }

    private Uni<Void> apply(UnitOfWork work, IncidentNews news) {
        var session = work.session();
        return session.find(IncidentRow.class, news.incidentId()).flatMap(found -> {
            IncidentRow incident = news.applyTo(found, work.recordedAt());
            Uni<Void> stored = found == null ? session.persist(incident) : Uni.createFrom().voidItem();
            return stored
                    .flatMap(v -> session.persist(news.entry(work.recordedAt())))
                    .flatMap(v -> react(work, news, incident));
        });
    }

    private Uni<Void> react(UnitOfWork work, IncidentNews news, IncidentRow incident) {
        return switch (news.type()) {
            case "incident.resolved" -> scheduling.resolved(work, incident);
            case "incident.reopened" -> scheduling.reopened(work, incident, ((Step) news.event()).reason());
            case "incident.severity-changed" -> scheduling.severityChanged(work, incident);
            case "incident.merged" -> scheduling.merged(work, incident, (IncidentPayloads.Merged) news.event());
            default -> Uni.createFrom().voidItem();
        };
    }
}
