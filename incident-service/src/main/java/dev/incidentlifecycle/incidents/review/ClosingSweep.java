package dev.incidentlifecycle.incidents.review;

import dev.incidentlifecycle.eventsourcing.RuleViolation;
import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.incidents.eventlog.Streams;
import dev.incidentlifecycle.incidents.incident.ClosingCause;
import dev.incidentlifecycle.incidents.incident.IncidentCommand;
import dev.incidentlifecycle.incidents.review.IncidentReviews.Closable;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;

/**
 * Closes resolved incidents that have no review to wait for: their review was declined or cancelled, or their
 * severity needs none ({@link ClosingSettings#withoutReview()}), once {@link ClosingSettings#delay()} has passed
 * since the resolution. One sweep every {@code incidents.closing.sweep-interval} (5 s); each incident closes in its
 * own transaction, and one closed meanwhile by someone else (another instance, a person) is simply skipped.
 */
@ApplicationScoped
public class ClosingSweep {

    private static final Logger LOG = Logger.getLogger(ClosingSweep.class);
    static final String ACTOR = "incident-service";
    static final int BATCH = 200;

    private final Mutiny.SessionFactory sessions;
    private final EventStore store;
    private final IncidentReviews reviews;
    private final ClosingSettings settings;
    private final Clock clock;

    ClosingSweep(Mutiny.SessionFactory sessions, EventStore store, IncidentReviews reviews, ClosingSettings settings, Clock clock) {
        this.sessions = sessions;
        this.store = store;
        this.reviews = reviews;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(every = "${incidents.closing.sweep-interval:5s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return sweep()
                .invoke(closed -> {
                    if (closed > 0) {
                        LOG.infof("%d incident(s) closed without waiting for a review", closed);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("the closing sweep failed, the next one tries again: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Closes what may close now; returns how many it closed. */
    public Uni<Integer> sweep() {
        List<String> withoutReview = settings.withoutReview().stream().map(Enum::name).toList();
        return sessions.withSession(session -> reviews.closableWithoutReview(session,
                        clock.instant().minus(settings.delay()), withoutReview, BATCH))
                .flatMap(closable -> Multi.createFrom().iterable(closable)
                        .onItem().transformToUniAndConcatenate(this::close)
                        .collect().asList()
                        .map(closed -> (int) closed.stream().filter(Boolean::booleanValue).count()));
    }

    private Uni<Boolean> close(Closable incident) {
        ClosingCause cause = switch (incident.reviewStatus()) {
            case "DECLINED" -> ClosingCause.REVIEW_DECLINED;
            case "CANCELLED" -> ClosingCause.REVIEW_CANCELLED;
            default -> ClosingCause.NO_REVIEW_NEEDED;
        };
        String reason = switch (cause) {
            case REVIEW_DECLINED -> "its review was declined";
            case REVIEW_CANCELLED -> "its review was cancelled";
            default -> "its severity needs no review";
        };
        return store.transact(CommandContext.by(ACTOR), work -> work.execute(Streams.INCIDENT,
                        incident.incidentId().toString(), ExpectedVersion.ANY,
                        IncidentCommand.Close.after(cause, reason, incident.reviewId(), ACTOR, work.recordedAt())))
                .map(decided -> true)
                // Reopened or closed since the query: nothing to do.
                .onFailure(RuleViolation.class).recoverWithItem(false);
    }
}
