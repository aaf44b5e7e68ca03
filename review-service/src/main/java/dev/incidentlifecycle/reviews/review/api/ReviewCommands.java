package dev.incidentlifecycle.reviews.review.api;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventsourcing.RuleViolation;
import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.ConcurrencyConflict;
import dev.incidentlifecycle.eventstore.Decided;
import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.Loaded;
import dev.incidentlifecycle.eventstore.StreamNotFound;
import dev.incidentlifecycle.eventstore.UnitOfWork;
import dev.incidentlifecycle.reviews.config.ReviewSettings;
import dev.incidentlifecycle.reviews.incident.IncidentRow;
import dev.incidentlifecycle.reviews.incident.ReviewScheduling;
import dev.incidentlifecycle.reviews.review.ActionItem;
import dev.incidentlifecycle.reviews.review.Recurrence;
import dev.incidentlifecycle.reviews.review.ReviewCommand;
import dev.incidentlifecycle.reviews.review.ReviewEvent;
import dev.incidentlifecycle.reviews.review.ReviewState;
import dev.incidentlifecycle.reviews.review.readmodel.ActionItemIds;
import dev.incidentlifecycle.reviews.review.readmodel.FacilitatorCalendar;
import dev.incidentlifecycle.reviews.review.readmodel.RelatedReview;
import dev.incidentlifecycle.reviews.review.readmodel.ReviewQueries;
import dev.incidentlifecycle.reviews.review.store.ReviewAggregate;
import dev.incidentlifecycle.reviews.schedule.FacilitatorBooking;
import dev.incidentlifecycle.reviews.schedule.IncidentPeople;
import dev.incidentlifecycle.reviews.schedule.MeetingSlot;
import dev.incidentlifecycle.reviews.schedule.ReviewPlanner;
import dev.incidentlifecycle.reviews.schedule.RotationState;
import dev.incidentlifecycle.web.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Runs people's commands on a review: an unknown review is a 404, a stale {@code If-Match} a 412, a moved
 * meeting never double-books its facilitator, and an action item id another review holds is a 409. Decisions run
 * on a worker thread (they run the language check over the whole document), never on the event loop.
 */
@ApplicationScoped
public class ReviewCommands {

    /** A command as it is given at the moment its transaction records it. */
    @FunctionalInterface
    public interface Given {
        ReviewCommand by(String actor, Instant at);
    }

    private final EventStore store;
    private final ReviewAggregate reviews;
    private final FacilitatorCalendar facilitators;
    private final ReviewPlanner planner;
    private final ReviewSettings settings;
    private final ReviewScheduling scheduling;
    private final Vertx vertx;

    ReviewCommands(EventStore store, ReviewAggregate reviews, FacilitatorCalendar facilitators, ReviewPlanner planner,
                   ReviewSettings settings, ReviewScheduling scheduling, Vertx vertx) {
        this.store = store;
        this.reviews = reviews;
        this.facilitators = facilitators;
        this.planner = planner;
        this.settings = settings;
        this.scheduling = scheduling;
        this.vertx = vertx;
    }

    /**
     * A review of any incident review-service knows, asked for by a person: 404 for an incident it never heard of,
     * 409 while the incident has a review that is open or published (a cancelled or declined one may be followed
     * by a new one).
     *
     * @return the new review's id
     */
    public Uni<UUID> requestReview(CommandContext context, ReviewRequests.NewReview request) {
        return store.transact(context, work -> work.session().find(IncidentRow.class, request.incidentId())
                .flatMap(incident -> {
                    if (incident == null || incident.number == null || incident.severity == null) {
                        throw new StreamNotFound("no incident " + request.incidentId() + " is known to review-service");
                    }
                    if (incident.reviewId == null) {
                        return scheduling.requestedByHand(work, incident, context.actor(), blankToNull(request.facilitator()));
                    }
                    return work.load(reviews.type(), ReviewAggregate.aggregateId(incident.reviewId)).flatMap(loaded -> {
                        if (loaded.exists() && !loaded.state().status().isClosedWithoutPublishing()) {
                            throw new RuleViolation("incident " + incident.number + " already has review "
                                    + incident.reviewId + " (" + loaded.state().status() + ")");
                        }
                        return scheduling.requestedByHand(work, incident, context.actor(), blankToNull(request.facilitator()));
                    });
                }));
    }

    /**
     * Gives the review a facilitator (the one named, or the rotation's fairest free one who takes no part and is not
     * the current one) and a meeting (the slot given, or their next free one before the due date). Holds the
     * facilitators' lock, so nobody is double-booked.
     */
    public Uni<Decided<ReviewState, ReviewEvent>> assignFacilitator(UUID reviewId, long expectedVersion,
                                                                    CommandContext context,
                                                                    ReviewRequests.Facilitator request) {
        return store.transact(context, work -> work.lock(FacilitatorCalendar.LOCK)
                .flatMap(v -> load(work, reviewId, expectedVersion))
                .flatMap(loaded -> facilitators.rotation(work.session())
                        .flatMap(rotation -> facilitators.bookings(work.session(),
                                        work.recordedAt().minus(settings.calendar().meetingLength()))
                                .flatMap(bookings -> {
                                    ReviewState review = loaded.state();
                                    String named = blankToNull(request.facilitator());
                                    String facilitator = named != null ? named : fromRotation(review, rotation, work.recordedAt(), bookings);
                                    MeetingSlot slot = slotFor(review, facilitator, request.scheduledStart(),
                                            request.scheduledEnd(), work.recordedAt(), bookings);
                                    return decide(work, loaded, new ReviewCommand.AssignFacilitator(reviewId, facilitator,
                                            slot.start(), slot.end(), blankToNull(request.reason()), context.actor(),
                                            work.occurredAt()));
                                }))));
    }

    private String fromRotation(ReviewState review, RotationState rotation,
                                Instant now, List<FacilitatorBooking> bookings) {
        List<String> excluded = new ArrayList<>(review.meeting().participants());
        if (review.meeting().facilitator() != null) {
            excluded.add(review.meeting().facilitator());
        }
        String service = review.incident() == null ? null : review.incident().service();
        return planner.plan(rotation, new IncidentPeople(null, excluded), service, List.of(), now, review.dueAt(), bookings)
                .orElseThrow(() -> new RuleViolation("no facilitator of the rotation can run this review: every one "
                        + "takes part in it, or none is free within the search horizon; name one"))
                .facilitator();
    }

    public Uni<Decided<ReviewState, ReviewEvent>> execute(UUID reviewId, long expectedVersion, CommandContext context,
                                                          Given command) {
        return store.transact(context, work -> load(work, reviewId, expectedVersion)
                .flatMap(loaded -> decide(work, loaded, command.by(context.actor(), work.occurredAt()))));
    }

    /**
     * Publishes the review; earlier reviews that named the same conditions (same service, a factor of the same
     * category and tag) are looked for in the same transaction, so {@code review.recurrence-found} names them.
     */
    public Uni<Decided<ReviewState, ReviewEvent>> publish(UUID reviewId, long expectedVersion, CommandContext context,
                                                          String link) {
        return store.transact(context, work -> load(work, reviewId, expectedVersion).flatMap(loaded -> {
            ReviewState review = loaded.state();
            Uni<List<Recurrence>> earlier = review.incident() == null || !review.status().isOpen()
                    ? Uni.createFrom().item(List.of())
                    : ReviewQueries.related(work.session(), reviewId, review.incident().incidentId(),
                                    review.incident().service(), work.recordedAt(),
                                    ReviewQueries.categoryTags(review.document().factorTags()),
                                    new PageRequest(0, Recurrence.MAX_EARLIER_REVIEWS))
                            .map(page -> page.items().stream().map(ReviewCommands::recurrence).toList());
            return earlier.flatMap(recurrences -> decide(work, loaded,
                    new ReviewCommand.Publish(reviewId, context.actor(), work.occurredAt(), link, recurrences)));
        }));
    }

    private static Recurrence recurrence(RelatedReview related) {
        return new Recurrence(related.reviewId(), related.incidentId(), related.shared().stream()
                .map(shared -> new Recurrence.FactorTag(shared.category(), shared.tag())).toList(),
                related.completedActionItemIds());
    }

    /**
     * Proposes an action item, unless its id (chosen by the client) already belongs to another review: ids are the
     * items' ids in actions-service, so a reused id would make one review's outcome name another's item.
     */
    public Uni<Decided<ReviewState, ReviewEvent>> proposeActionItem(UUID reviewId, long expectedVersion,
                                                                    CommandContext context, ActionItem item) {
        return store.transact(context, work -> ActionItemIds.reviewOf(work.session(), item.actionItemId())
                .flatMap(holder -> {
                    if (holder.isPresent() && !holder.get().equals(reviewId)) {
                        throw new RuleViolation("action item id " + item.actionItemId() + " belongs to another review;"
                                + " leave actionItemId out to get a new one");
                    }
                    return load(work, reviewId, expectedVersion);
                })
                .flatMap(loaded -> decide(work, loaded, new ReviewCommand.ProposeActionItem(reviewId, item,
                        context.actor(), work.occurredAt()))));
    }

    /**
     * Moves the meeting to the given slot, or to the facilitator's next free one before the due date. Holds the
     * facilitators' lock, so the slot is still free when the move commits.
     */
    public Uni<Decided<ReviewState, ReviewEvent>> reschedule(UUID reviewId, long expectedVersion, CommandContext context,
                                                             ReviewRequests.Reschedule request) {
        return store.transact(context, work -> work.lock(FacilitatorCalendar.LOCK)
                .flatMap(v -> load(work, reviewId, expectedVersion))
                .flatMap(loaded -> facilitators.bookings(work.session(), work.recordedAt().minus(settings.calendar().meetingLength()))
                        .flatMap(bookings -> {
                            ReviewState review = loaded.state();
                            if (review.meeting().facilitator() == null) {
                                throw new RuleViolation("the review has no facilitator yet: assign one (POST /reviews/"
                                        + reviewId + "/facilitator), which schedules the meeting");
                            }
                            MeetingSlot slot = slotFor(review, review.meeting().facilitator(), request.scheduledStart(),
                                    request.scheduledEnd(), work.recordedAt(), bookings);
                            return decide(work, loaded, new ReviewCommand.Reschedule(reviewId, slot.start(), slot.end(),
                                    null, request.reason(), context.actor(), work.occurredAt()));
                        })));
    }

    /** The slot given, checked against the facilitator's other meetings, or their next free one before the due date. */
    private MeetingSlot slotFor(ReviewState review, String facilitator, Instant scheduledStart, Instant scheduledEnd,
                                Instant now, List<FacilitatorBooking> bookings) {
        if (scheduledStart == null) {
            return planner.reschedule(review.reviewId(), facilitator, now, review.dueAt(), bookings)
                    .orElseThrow(() -> new RuleViolation(facilitator + " has no free slot within the search horizon"))
                    .slot();
        }
        Instant end = scheduledEnd != null ? scheduledEnd : scheduledStart.plus(settings.calendar().meetingLength());
        if (!end.isAfter(scheduledStart)) {
            throw new InvalidCommand("scheduledEnd", "the meeting must end after it starts");
        }
        MeetingSlot slot = new MeetingSlot(scheduledStart, end);
        String key = facilitator.strip().toLowerCase(Locale.ROOT);
        bookings.stream()
                .filter(b -> b.facilitator().strip().toLowerCase(Locale.ROOT).equals(key))
                .filter(b -> !review.reviewId().equals(b.reviewId()))
                .filter(b -> b.slot().overlaps(slot))
                .findFirst()
                .ifPresent(clash -> {
                    throw new RuleViolation(facilitator + " already facilitates review " + clash.reviewId() + " from "
                            + clash.slot().start() + " to " + clash.slot().end());
                });
        return slot;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private Uni<Loaded<ReviewState>> load(UnitOfWork work, UUID reviewId, long expectedVersion) {
        String aggregateId = ReviewAggregate.aggregateId(reviewId);
        return work.load(reviews.type(), aggregateId).map(loaded -> {
            if (!loaded.exists()) {
                throw new StreamNotFound("no review " + reviewId);
            }
            if (expectedVersion != ExpectedVersion.ANY && expectedVersion != loaded.version()) {
                throw new ConcurrencyConflict(reviews.type().streamId(aggregateId), expectedVersion, loaded.version(), false);
            }
            return loaded;
        });
    }

    private Uni<Decided<ReviewState, ReviewEvent>> decide(UnitOfWork work, Loaded<ReviewState> loaded, ReviewCommand command) {
        // On a worker; the events come back on the transaction's own context, where its session lives.
        Uni<List<ReviewEvent>> events = vertx.executeBlocking(
                Uni.createFrom().item(() -> reviews.decider().decide(command, loaded.state())));
        return events.flatMap(decided -> work.append(reviews.type(), loaded, decided));
    }
}
