package dev.incidentlifecycle.reviews.incident;

import dev.incidentlifecycle.eventsourcing.RuleViolation;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.UnitOfWork;
import dev.incidentlifecycle.reviews.config.ReviewSettings;
import dev.incidentlifecycle.reviews.policy.BusinessCalendar;
import dev.incidentlifecycle.reviews.policy.ReviewRequirement;
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

import java.time.Instant;
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
    private final int byHandBusinessDays;

    ReviewScheduling(ReviewAggregate reviews, ReviewPolicy policy, BusinessCalendar calendar, ReviewPlanner planner,
                     FacilitatorCalendar facilitators, ReviewSettings settings) {
        this.reviews = reviews;
        this.policy = policy;
        this.calendar = calendar;
        this.planner = planner;
        this.facilitators = facilitators;
        this.byHandBusinessDays = settings.policy().byHandBusinessDays();
    }

    /**
     * Someone asked for a review of this incident by hand, whatever the policy says. Its terms are the policy's when
     * the incident is resolved and the policy asks for a review; otherwise it is REQUIRED, due the configured number
     * of business days after the resolution (or after now, for an incident still open). The facilitator is the one
     * named, or the rotation's; with nobody free it waits, NEEDS_FACILITATOR. Runs under the facilitators' lock.
     *
     * @param facilitator null to take the rotation's
     * @return the new review's id
     */
    public Uni<UUID> requestedByHand(UnitOfWork work, IncidentRow incident, String requestedBy, String facilitator) {
        Instant now = work.recordedAt();
        Instant from = incident.resolvedAt != null ? incident.resolvedAt : now;
        ReviewTerms byPolicy = incident.resolvedAt == null ? null : policy.termsFor(incident.severity, from, calendar);
        ReviewTerms terms = byPolicy != null && byPolicy.reviewNeeded() ? byPolicy
                : new ReviewTerms(incident.severity, ReviewRequirement.REQUIRED, from,
                calendar.dueAfter(from, byHandBusinessDays));
        UUID reviewId = UUID.randomUUID();
        return work.lock(FacilitatorCalendar.LOCK)
                .flatMap(v -> plan(work, incident, terms, now.isAfter(from) ? now : from, facilitator))
                .flatMap(plan -> {
                    if (facilitator != null && plan.isEmpty()) {
                        throw new RuleViolation(facilitator.strip() + " has no free slot within the search horizon");
                    }
                    return schedule(work, reviewId, incident, terms, plan, requestedBy);
                })
                .replaceWith(reviewId);
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
        return work.lock(FacilitatorCalendar.LOCK)
                .flatMap(v -> plan(work, incident, terms, incident.resolvedAt, null))
                .flatMap(plan -> schedule(work, UUID.randomUUID(), incident, terms, plan, null));
    }

    /** The rotation's plan, or the named facilitator's next free slot; empty when nobody can run the review. */
    private Uni<Optional<ReviewPlan>> plan(UnitOfWork work, IncidentRow incident, ReviewTerms terms, Instant from,
                                           String facilitator) {
        IncidentPeople people = peopleOf(incident);
        return facilitators.rotation(work.session())
                .flatMap(rotation -> facilitators.bookings(work.session(), from).map(bookings -> facilitator == null
                        ? planner.plan(rotation, people, incident.service, List.of(), from, terms.dueAt(), bookings)
                        : planner.reschedule(null, facilitator, from, terms.dueAt(), bookings)
                        .map(slot -> new ReviewPlan(facilitator.strip(), slot.slot(), slot.afterDue(), slot.shortNotice(),
                                people.participants(), rotation.after(facilitator.strip())))));
    }

    /** Schedules the planned review, or creates it waiting for a facilitator when there is no plan. */
    private Uni<Void> schedule(UnitOfWork work, UUID reviewId, IncidentRow incident, ReviewTerms terms,
                               Optional<ReviewPlan> planned, String requestedBy) {
        String service = Objects.requireNonNullElse(incident.service, "");
        String title = Objects.requireNonNullElse(incident.title, "");
        ReviewCommand command;
        if (planned.isEmpty()) {
            command = new ReviewCommand.ScheduleWithoutFacilitator(reviewId, incident.id, incident.number,
                    incident.severity, service, title, terms.requirement(), terms.dueAt(), peopleOf(incident).participants(),
                    "no facilitator can run it: every one was in the incident, or none is free within the search horizon",
                    requestedBy, requestedBy != null ? requestedBy : ACTOR, work.occurredAt());
        } else {
            ReviewPlan plan = planned.get();
            command = new ReviewCommand.Schedule(reviewId, incident.id, incident.number, incident.severity, service, title,
                    terms.requirement(), terms.dueAt(), plan.facilitator(), plan.participants(), plan.slot().start(),
                    plan.slot().end(), requestedBy != null ? requestedBy : ACTOR, work.occurredAt(), requestedBy);
        }
        return work.execute(reviews.type(), ReviewAggregate.aggregateId(reviewId), ExpectedVersion.NO_STREAM, command)
                .invoke(() -> {
                    incident.reviewId = reviewId;
                    planned.ifPresentOrElse(
                            plan -> LOG.infof("review %s of %s scheduled: %s facilitates, %s to %s%s", reviewId,
                                    incident.number, plan.facilitator(), plan.slot().start(), plan.slot().end(),
                                    plan.afterDue() ? " (after the due date)" : ""),
                            () -> LOG.warnf("review %s of %s needs a facilitator: nobody of the rotation can run it",
                                    reviewId, incident.number));
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
