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
import dev.incidentlifecycle.reviews.review.ReviewCommand;
import dev.incidentlifecycle.reviews.review.ReviewEvent;
import dev.incidentlifecycle.reviews.review.ReviewState;
import dev.incidentlifecycle.reviews.review.readmodel.FacilitatorCalendar;
import dev.incidentlifecycle.reviews.review.store.ReviewAggregate;
import dev.incidentlifecycle.reviews.schedule.FacilitatorBooking;
import dev.incidentlifecycle.reviews.schedule.MeetingSlot;
import dev.incidentlifecycle.reviews.schedule.ReviewPlanner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Runs people's commands on a review: an unknown review is a 404, a stale {@code If-Match} a 412, and a moved
 * meeting never double-books its facilitator.
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

    ReviewCommands(EventStore store, ReviewAggregate reviews, FacilitatorCalendar facilitators, ReviewPlanner planner,
                   ReviewSettings settings) {
        this.store = store;
        this.reviews = reviews;
        this.facilitators = facilitators;
        this.planner = planner;
        this.settings = settings;
    }

    public Uni<Decided<ReviewState, ReviewEvent>> execute(UUID reviewId, long expectedVersion, CommandContext context,
                                                          Given command) {
        return store.transact(context, work -> load(work, reviewId, expectedVersion)
                .flatMap(loaded -> decide(work, loaded, command.by(context.actor(), work.occurredAt()))));
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
                            MeetingSlot slot = slotFor(loaded.state(), request, work.recordedAt(), bookings);
                            return decide(work, loaded, new ReviewCommand.Reschedule(reviewId, slot.start(), slot.end(),
                                    null, request.reason(), context.actor(), work.occurredAt()));
                        })));
    }

    private MeetingSlot slotFor(ReviewState review, ReviewRequests.Reschedule request, Instant now,
                                List<FacilitatorBooking> bookings) {
        String facilitator = review.meeting().facilitator();
        if (request.scheduledStart() == null) {
            return planner.reschedule(review.reviewId(), facilitator, now, review.dueAt(), bookings)
                    .orElseThrow(() -> new RuleViolation(facilitator + " has no free slot within the search horizon"))
                    .slot();
        }
        Instant end = request.scheduledEnd() != null ? request.scheduledEnd()
                : request.scheduledStart().plus(settings.calendar().meetingLength());
        if (!end.isAfter(request.scheduledStart())) {
            throw new InvalidCommand("scheduledEnd", "the meeting must end after it starts");
        }
        MeetingSlot slot = new MeetingSlot(request.scheduledStart(), end);
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
        List<ReviewEvent> events = reviews.decider().decide(command, loaded.state());
        return work.append(reviews.type(), loaded, events);
    }
}
