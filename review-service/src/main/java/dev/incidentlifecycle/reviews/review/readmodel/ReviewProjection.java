package dev.incidentlifecycle.reviews.review.readmodel;

import dev.incidentlifecycle.eventstore.AggregateType;
import dev.incidentlifecycle.eventstore.Projection;
import dev.incidentlifecycle.eventstore.RecordedEvent;
import dev.incidentlifecycle.reviews.review.ActionItem;
import dev.incidentlifecycle.reviews.review.ContributingFactor;
import dev.incidentlifecycle.reviews.review.DocumentField;
import dev.incidentlifecycle.reviews.review.ReviewDecider;
import dev.incidentlifecycle.reviews.review.ReviewDocument;
import dev.incidentlifecycle.reviews.review.ReviewEvent;
import dev.incidentlifecycle.reviews.review.ReviewFinding;
import dev.incidentlifecycle.reviews.review.ReviewState;
import dev.incidentlifecycle.reviews.review.store.ReviewAggregate;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps {@link ReviewRow}s. The row carries the review's state folded by the aggregate's own decider, so the
 * read model can never disagree with the decisions (status, findings exactly as publication judges them); the
 * columns people filter on are copied out of it. A row already at or past an event's stream version skips it.
 * The findings (the language check over the whole document) are computed on a worker thread, off the event loop.
 * The factors of the published outcome are kept beside the row ({@link PublishedFactors}), for insights.
 */
@ApplicationScoped
public class ReviewProjection implements Projection<ReviewEvent> {

    public static final String NAME = "reviews";

    private final ReviewAggregate aggregate;
    private final Vertx vertx;

    ReviewProjection(ReviewAggregate aggregate, Vertx vertx) {
        this.aggregate = aggregate;
        this.vertx = vertx;
    }

    @Override
    public AggregateType<?, ?, ReviewEvent> aggregate() {
        return aggregate.type();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Void> apply(Mutiny.Session session, RecordedEvent<ReviewEvent> recorded) {
        UUID id = UUID.fromString(recorded.envelope().aggregateId());
        ReviewDecider decider = aggregate.decider();
        return session.find(ReviewRow.class, id).flatMap(found -> {
            if (found == null) {
                if (!(recorded.event() instanceof ReviewEvent.Scheduled)
                        && !(recorded.event() instanceof ReviewEvent.AwaitingFacilitator)) {
                    throw new IllegalStateException("review " + id + " has " + recorded.event().type()
                            + " at version " + recorded.streamVersion() + " but no row: rebuild the read model");
                }
                ReviewRow row = new ReviewRow();
                row.id = id;
                row.createdAt = recorded.metadata().recordedAt();
                ReviewState state = decider.evolve(decider.initialState(), recorded.event());
                return findings(state).flatMap(findings -> {
                    fill(row, state, findings, recorded);
                    return session.persist(row);
                });
            }
            if (recorded.streamVersion() <= found.version) {
                return Uni.createFrom().voidItem();
            }
            ReviewState before = ReadModelJson.read(found.state, ReviewState.class);
            ReviewState state = decider.evolve(before, recorded.event());
            boolean outcomeChanged = state.outcome() != null && !state.outcome().equals(before.outcome());
            return findings(state).invoke(findings -> fill(found, state, findings, recorded))
                    .flatMap(filled -> outcomeChanged ? PublishedFactors.replace(session, id, state.outcome())
                            : Uni.createFrom().voidItem());
        });
    }

    @Override
    public List<String> tables() {
        return List.of("review", "review_factor", "review_factor_tag");
    }

    /** On a worker; the result comes back on the transaction's own context, where its session lives. */
    private Uni<List<ReviewFinding>> findings(ReviewState state) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> aggregate.decider().findings().of(state)));
    }

    private void fill(ReviewRow row, ReviewState state, List<ReviewFinding> findings, RecordedEvent<ReviewEvent> recorded) {
        row.incidentId = state.incident().incidentId();
        row.incidentNumber = state.incident().incidentNumber();
        row.title = state.incident().title();
        row.service = state.incident().service();
        row.severity = state.incident().severity();
        row.requirement = state.requirement();
        row.status = state.status();
        row.dueAt = state.dueAt();
        row.overdue = state.listedAsOverdue();
        row.facilitator = state.meeting().facilitator();
        row.participants = ReadModelJson.write(state.meeting().participants());
        row.scheduledStart = state.meeting().start();
        row.scheduledEnd = state.meeting().end();
        row.sequence = state.meeting().sequence();
        row.openFindings = (int) findings.stream().filter(ReviewFinding::isOpen).count();
        row.findings = ReadModelJson.write(findings.stream().map(FindingView::of).toList());
        row.publishedAt = state.outcome() == null ? null : state.outcome().publishedAt();
        row.amendments = state.amendments();
        row.followUpCompleted = state.followUpCompleted();
        row.state = ReadModelJson.write(state);
        ReviewDocument document = state.document();
        row.summary = document.text(DocumentField.SUMMARY);
        row.factorText = document.contributingFactors().values().stream().map(ContributingFactor::description)
                .collect(Collectors.joining("\n"));
        row.actionItemText = document.actionItems().values().stream().map(ActionItem::title)
                .collect(Collectors.joining("\n"));
        row.otherText = Stream.of(DocumentField.IMPACT, DocumentField.WHAT_WENT_WELL, DocumentField.WHERE_WE_GOT_LUCKY,
                DocumentField.OPEN_QUESTIONS).map(document::text).filter(text -> !text.isEmpty())
                .collect(Collectors.joining("\n"));
        row.version = recorded.streamVersion();
        row.updatedAt = recorded.metadata().recordedAt();
    }
}
