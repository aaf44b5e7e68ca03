package dev.incidentlifecycle.reviews.incident;

import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.UnitOfWork;
import dev.incidentlifecycle.reviews.policy.BusinessCalendar;
import dev.incidentlifecycle.reviews.policy.ReviewPolicy;
import dev.incidentlifecycle.reviews.policy.ReviewTerms;
import dev.incidentlifecycle.reviews.review.ReviewCommand;
import dev.incidentlifecycle.reviews.review.ReviewState;
import dev.incidentlifecycle.reviews.review.ReviewStatus;
import dev.incidentlifecycle.reviews.review.readmodel.FacilitatorCalendar;
import dev.incidentlifecycle.reviews.review.readmodel.ReadModelJson;
import dev.incidentlifecycle.reviews.review.store.ReviewAggregate;
import dev.incidentlifecycle.reviews.schedule.IncidentPeople;
import dev.incidentlifecycle.reviews.schedule.MeetingSlot;
import dev.incidentlifecycle.reviews.schedule.ReviewPlan;
import dev.incidentlifecycle.reviews.schedule.ReviewPlanner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What an incident's resolution, reopening and severity change mean for its review: the policy applied, a
 * facilitator and a slot planned, the review scheduled, put on hold, resumed or re-judged. Runs inside the
 * transaction that handles the incident event (with its inbox entry), so a redelivered event changes nothing,
 * and takes the facilitators' lock before it books anyone, so nobody is double-booked.
 */
@ApplicationScoped
public class ReviewScheduling {

    private static final Logger LOG = Logger.getLogger(ReviewScheduling.class);

    /** The actor of what review-service does by itself. */
    public static final String ACTOR = "review-service";

    private final ReviewAggregate reviews;
    private final ReviewPolicy policy;
    private final BusinessCalendar calendar;
    private final ReviewPlanner planner;
    private final FacilitatorCalendar facilitators;

    ReviewScheduling(ReviewAggregate reviews, ReviewPolicy policy, BusinessCalendar calendar, ReviewPlanner planner,
                     FacilitatorCalendar facilitators) {
        this.reviews = reviews;
        this.policy = policy;
        this.calendar = calendar;
        this.planner = planner;
        this.facilitators = facilitators;
    }

    /** The incident was resolved: schedule its review, or resume the one on hold since it was reopened. */
    Uni<Void> resolved(UnitOfWork work, IncidentRow incident) {
        if (incident.reviewId == null) {
            return scheduleNew(work, incident);
        }
        return work.load(reviews.type(), ReviewAggregate.aggregateId(incident.reviewId)).flatMap(loaded -> {
            if (!loaded.exists()) {
                return scheduleNew(work, incident);
            }
            if (loaded.state().status() == ReviewStatus.ON_HOLD) {
                return resume(work, incident, loaded.state());
            }
            // Scheduled, in review, published, cancelled or declined: a repeated resolution changes nothing.
            return Uni.createFrom().voidItem();
        });
    }

    /** The incident was reopened: its review waits until it is resolved again. */
    Uni<Void> reopened(UnitOfWork work, IncidentRow incident, String reason) {
        if (incident.reviewId == null) {
            return Uni.createFrom().voidItem();
        }
        String why = reason == null || reason.isBlank() ? "the incident was reopened" : "the incident was reopened: " + reason;
        return work.execute(reviews.type(), ReviewAggregate.aggregateId(incident.reviewId), ExpectedVersion.ANY,
                        new ReviewCommand.PutOnHold(incident.reviewId, why, ACTOR, work.occurredAt()))
                .replaceWithVoid();
    }

    /** The incident was merged into another one: its review, if one is still open, is cancelled (the survivor's counts). */
    Uni<Void> merged(UnitOfWork work, IncidentRow incident, IncidentPayloads.Merged merged) {
        if (incident.reviewId == null) {
            return Uni.createFrom().voidItem();
        }
        String into = merged.intoNumber() == null ? "another incident" : merged.intoNumber();
        return work.load(reviews.type(), ReviewAggregate.aggregateId(incident.reviewId)).flatMap(loaded -> {
            if (!loaded.exists() || !loaded.state().status().isOpen()) {
                return Uni.createFrom().voidItem();
            }
            return work.execute(reviews.type(), ReviewAggregate.aggregateId(incident.reviewId), ExpectedVersion.ANY,
                            new ReviewCommand.Cancel(incident.reviewId, "the incident was merged into " + into, ACTOR,
                                    work.occurredAt()))
                    .replaceWithVoid();
        });
    }

    /**
     * The incident's severity changed: the policy is applied again to the resolution it knows. An open review
     * takes the new terms (the decider cancels it when none is needed any more); where the review was cancelled
     * or declined and a more severe incident now needs one, or none was needed before, a new one is scheduled.
     */
    Uni<Void> severityChanged(UnitOfWork work, IncidentRow incident) {
        if (incident.resolvedAt == null) {
            return Uni.createFrom().voidItem();
        }
        if (incident.reviewId == null) {
            return isResolved(incident) ? scheduleNew(work, incident) : Uni.createFrom().voidItem();
        }
        ReviewTerms terms = policy.termsFor(incident.severity, incident.resolvedAt, calendar);
        return work.load(reviews.type(), ReviewAggregate.aggregateId(incident.reviewId)).flatMap(loaded -> {
            ReviewState review = loaded.state();
            if (!loaded.exists()) {
                return Uni.createFrom().voidItem();
            }
            if (review.status().isOpen()) {
                return work.execute(reviews.type(), ReviewAggregate.aggregateId(incident.reviewId), ExpectedVersion.ANY,
                                new ReviewCommand.ApplySeverityChange(incident.reviewId, terms, ACTOR, work.occurredAt()))
                        .replaceWithVoid();
            }
            boolean moreSevere = incident.severity.ordinal() < review.incident().severity().ordinal();
            if (review.status().isClosedWithoutPublishing() && terms.reviewNeeded() && moreSevere && isResolved(incident)) {
                return scheduleNew(work, incident);
            }
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> scheduleNew(UnitOfWork work, IncidentRow incident) {
        if (incident.severity == null || incident.number == null || incident.resolvedAt == null) {
            LOG.warnf("incident %s was resolved but its declaration was never seen: no review is scheduled", incident.id);
            return Uni.createFrom().voidItem();
        }
        ReviewTerms terms = policy.termsFor(incident.severity, incident.resolvedAt, calendar);
        if (!terms.reviewNeeded()) {
            return Uni.createFrom().voidItem();
        }
        IncidentPeople people = peopleOf(incident);
        return work.lock(FacilitatorCalendar.LOCK)
                .flatMap(v -> facilitators.rotation(work.session()))
                .flatMap(rotation -> facilitators.bookings(work.session(), incident.resolvedAt)
                        .map(bookings -> planner.plan(rotation, people, List.of(), incident.resolvedAt, terms.dueAt(), bookings)))
                .flatMap(plan -> schedule(work, incident, terms, plan));
    }

    private Uni<Void> schedule(UnitOfWork work, IncidentRow incident, ReviewTerms terms, Optional<ReviewPlan> planned) {
        if (planned.isEmpty()) {
            LOG.warnf("no facilitator of the rotation can run the review of %s (all were in the incident, or none is "
                    + "free within the search horizon): no review is scheduled", incident.number);
            return Uni.createFrom().voidItem();
        }
        ReviewPlan plan = planned.get();
        UUID reviewId = UUID.randomUUID();
        ReviewCommand.Schedule schedule = new ReviewCommand.Schedule(reviewId, incident.id, incident.number,
                incident.severity, Objects.requireNonNullElse(incident.service, ""),
                Objects.requireNonNullElse(incident.title, ""), terms.requirement(), terms.dueAt(), plan.facilitator(),
                plan.participants(), plan.slot().start(), plan.slot().end(), ACTOR, work.occurredAt());
        return work.execute(reviews.type(), ReviewAggregate.aggregateId(reviewId), ExpectedVersion.NO_STREAM, schedule)
                .invoke(() -> {
                    incident.reviewId = reviewId;
                    LOG.infof("review %s of %s scheduled: %s facilitates, %s to %s%s", reviewId, incident.number,
                            plan.facilitator(), plan.slot().start(), plan.slot().end(), plan.afterDue() ? " (after the due date)" : "");
                })
                .replaceWithVoid();
    }

    private Uni<Void> resume(UnitOfWork work, IncidentRow incident, ReviewState review) {
        ReviewTerms terms = policy.termsFor(incident.severity, incident.resolvedAt, calendar);
        if (!terms.reviewNeeded()) {
            return Uni.createFrom().voidItem();
        }
        String facilitator = review.meeting().facilitator();
        return work.lock(FacilitatorCalendar.LOCK)
                .flatMap(v -> facilitators.bookings(work.session(), incident.resolvedAt))
                .flatMap(bookings -> {
                    var proposal = planner.reschedule(review.reviewId(), facilitator, incident.resolvedAt, terms.dueAt(), bookings);
                    if (proposal.isEmpty()) {
                        LOG.warnf("%s has no free slot for the review of %s: it stays on hold", facilitator, incident.number);
                        return Uni.createFrom().voidItem();
                    }
                    MeetingSlot slot = proposal.get().slot();
                    return work.execute(reviews.type(), ReviewAggregate.aggregateId(review.reviewId()), ExpectedVersion.ANY,
                                    new ReviewCommand.Reschedule(review.reviewId(), slot.start(), slot.end(), terms.dueAt(),
                                            "the incident was resolved again", ACTOR, work.occurredAt()))
                            .replaceWithVoid();
                });
    }

    static IncidentPeople peopleOf(IncidentRow incident) {
        return new IncidentPeople(incident.commander, ReadModelJson.read(incident.responders, ReadModelJson.PEOPLE));
    }

    private static boolean isResolved(IncidentRow incident) {
        return "RESOLVED".equals(incident.status) || "CLOSED".equals(incident.status);
    }
}
