package dev.incidentlifecycle.reviews.review;

import dev.incidentlifecycle.eventsourcing.Decider;
import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventsourcing.RuleViolation;
import dev.incidentlifecycle.reviews.languagecheck.LanguageCheck;
import dev.incidentlifecycle.reviews.languagecheck.LanguageFinding;
import dev.incidentlifecycle.reviews.policy.ReviewTerms;
import dev.incidentlifecycle.reviews.review.ReviewCommand.AddContributingFactor;
import dev.incidentlifecycle.reviews.review.ReviewCommand.AddParticipant;
import dev.incidentlifecycle.reviews.review.ReviewCommand.Amend;
import dev.incidentlifecycle.reviews.review.ReviewCommand.AnnotateTimeline;
import dev.incidentlifecycle.reviews.review.ReviewCommand.ApplySeverityChange;
import dev.incidentlifecycle.reviews.review.ReviewCommand.AssignFacilitator;
import dev.incidentlifecycle.reviews.review.ReviewCommand.Cancel;
import dev.incidentlifecycle.reviews.review.ReviewCommand.ChangeActionItem;
import dev.incidentlifecycle.reviews.review.ReviewCommand.Decline;
import dev.incidentlifecycle.reviews.review.ReviewCommand.DismissFinding;
import dev.incidentlifecycle.reviews.review.ReviewCommand.MarkOverdue;
import dev.incidentlifecycle.reviews.review.ReviewCommand.ProposeActionItem;
import dev.incidentlifecycle.reviews.review.ReviewCommand.Publish;
import dev.incidentlifecycle.reviews.review.ReviewCommand.PutOnHold;
import dev.incidentlifecycle.reviews.review.ReviewCommand.RecordActionItemStatus;
import dev.incidentlifecycle.reviews.review.ReviewCommand.RemoveActionItem;
import dev.incidentlifecycle.reviews.review.ReviewCommand.RemoveContributingFactor;
import dev.incidentlifecycle.reviews.review.ReviewCommand.Reschedule;
import dev.incidentlifecycle.reviews.review.ReviewCommand.Schedule;
import dev.incidentlifecycle.reviews.review.ReviewCommand.ScheduleWithoutFacilitator;
import dev.incidentlifecycle.reviews.review.ReviewCommand.Start;
import dev.incidentlifecycle.reviews.review.ReviewCommand.UpdateDocument;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.incidentlifecycle.reviews.review.ReviewStatus.CANCELLED;
import static dev.incidentlifecycle.reviews.review.ReviewStatus.DECLINED;
import static dev.incidentlifecycle.reviews.review.ReviewStatus.IN_REVIEW;
import static dev.incidentlifecycle.reviews.review.ReviewStatus.NEEDS_FACILITATOR;
import static dev.incidentlifecycle.reviews.review.ReviewStatus.ON_HOLD;
import static dev.incidentlifecycle.reviews.review.ReviewStatus.PUBLISHED;
import static dev.incidentlifecycle.reviews.review.ReviewStatus.SCHEDULED;

/**
 * The review aggregate (stream {@code review-<uuid>}): decides {@link ReviewCommand}s against the folded
 * {@link ReviewState} and applies the resulting {@link ReviewEvent}s.
 *
 * <p>Transitions: see {@link ReviewStatus}. Decisions worth knowing:
 * <ul>
 *   <li>Repeats that change nothing yield no events (an idempotent retry): scheduling the same incident
 *       again, putting on hold a review on hold, starting a review in review, cancelling a cancelled one,
 *       setting a text to what it already says, recording a status already recorded.</li>
 *   <li>Commands that come from other services' events and no longer apply yield no events rather than a
 *       RuleViolation, so a consumer never gets stuck: putting on hold, or re-applying the severity to, a
 *       review that is published, cancelled or declined; a status for an action item the review does not
 *       know. When a severity change needs a review where the old one was cancelled or declined, the
 *       adapter schedules a new review.</li>
 *   <li>The document (sections, timeline notes, factors, action items, participants, dismissals) can be
 *       edited while SCHEDULED, ON_HOLD or IN_REVIEW, and after publication; edits after publication
 *       collect in the working document and reach subscribers only with {@link Amend}
 *       ({@code review.amended}, with the full new outcome and the list of changes).</li>
 *   <li>Every list and text is bounded ({@link ReviewLimits}, InvalidCommand naming the limit), and so is the
 *       outcome as a whole: an edit, publication or amendment that would take it past
 *       {@link ReviewLimits#OUTCOME_BYTES} is refused with {@link OutcomeTooLarge}.</li>
 *   <li>Publish and Amend are refused (RuleViolation) while any language finding is open (see
 *       {@link ReviewFindings}) or the summary is empty.</li>
 *   <li>Overdue: {@code review.overdue} once per due instant, for a review SCHEDULED or IN_REVIEW (not on
 *       hold: its due instant is re-set when the incident is resolved again).</li>
 *   <li>Follow-up: {@code review.follow-up-completed} when every action item of the published outcome is
 *       DONE or WONT_DO as reported by {@link RecordActionItemStatus}; together with the publication when
 *       the outcome has no action items.</li>
 * </ul>
 */
public final class ReviewDecider implements Decider<ReviewCommand, ReviewState, ReviewEvent> {

    private final ReviewFindings findings;

    public ReviewDecider(LanguageCheck languageCheck) {
        this.findings = new ReviewFindings(languageCheck);
    }

    /** With the default language rules. */
    public ReviewDecider() {
        this(LanguageCheck.withDefaultRules());
    }

    /** The findings exactly as this decider judges them (for the adapter to show on a review). */
    public ReviewFindings findings() {
        return findings;
    }

    @Override
    public ReviewState initialState() {
        return ReviewState.NONE;
    }

    @Override
    public List<ReviewEvent> decide(ReviewCommand command, ReviewState state) {
        Objects.requireNonNull(command, "command");
        if (command.reviewId() == null) {
            throw new InvalidCommand("reviewId", "reviewId is required");
        }
        if (command instanceof Schedule c) {
            return schedule(c, state);
        }
        if (command instanceof ScheduleWithoutFacilitator c) {
            return scheduleWithoutFacilitator(c, state);
        }
        if (!state.exists()) {
            throw new RuleViolation("review " + command.reviewId() + " does not exist");
        }
        if (!state.reviewId().equals(command.reviewId())) {
            throw new InvalidCommand("reviewId", "the command is for review " + command.reviewId()
                    + ", not " + state.reviewId());
        }
        if (command instanceof Reschedule c) {
            return reschedule(c, state);
        }
        if (command instanceof AssignFacilitator c) {
            return assignFacilitator(c, state);
        }
        if (command instanceof PutOnHold c) {
            return putOnHold(c, state);
        }
        if (command instanceof Cancel c) {
            return cancel(c, state);
        }
        if (command instanceof Decline c) {
            return decline(c, state);
        }
        if (command instanceof Start c) {
            return start(c, state);
        }
        if (command instanceof AddParticipant c) {
            return fitting(addParticipant(c, state), state, c.at());
        }
        if (command instanceof UpdateDocument c) {
            return fitting(updateDocument(c, state), state, c.at());
        }
        if (command instanceof AnnotateTimeline c) {
            return annotateTimeline(c, state);
        }
        if (command instanceof AddContributingFactor c) {
            return fitting(addFactor(c, state), state, c.at());
        }
        if (command instanceof RemoveContributingFactor c) {
            return removeFactor(c, state);
        }
        if (command instanceof ProposeActionItem c) {
            return fitting(proposeActionItem(c, state), state, c.at());
        }
        if (command instanceof ChangeActionItem c) {
            return fitting(changeActionItem(c, state), state, c.at());
        }
        if (command instanceof RemoveActionItem c) {
            return removeActionItem(c, state);
        }
        if (command instanceof DismissFinding c) {
            return dismissFinding(c, state);
        }
        if (command instanceof Publish c) {
            return publish(c, state);
        }
        if (command instanceof Amend c) {
            return amend(c, state);
        }
        if (command instanceof MarkOverdue c) {
            return markOverdue(c, state);
        }
        if (command instanceof RecordActionItemStatus c) {
            return recordActionItemStatus(c, state);
        }
        if (command instanceof ApplySeverityChange c) {
            return applySeverityChange(c, state);
        }
        throw new IllegalArgumentException("unknown command " + command.getClass().getName());
    }

    @Override
    public ReviewState evolve(ReviewState state, ReviewEvent event) {
        if (event instanceof ReviewEvent.Scheduled e) {
            return new ReviewState(e.reviewId(),
                    new ReviewedIncident(e.incidentId(), e.incidentNumber(), e.severity(), e.service(), e.title()),
                    e.requirement(), SCHEDULED, null, e.dueAt(), false,
                    new Meeting(e.facilitator(), e.participants(), e.scheduledStart(), e.scheduledEnd(), 0),
                    ReviewDocument.EMPTY, Map.of(), null, 0, Map.of(), false, e.requestedBy());
        }
        if (event instanceof ReviewEvent.AwaitingFacilitator e) {
            return new ReviewState(e.reviewId(),
                    new ReviewedIncident(e.incidentId(), e.incidentNumber(), e.severity(), e.service(), e.title()),
                    e.requirement(), NEEDS_FACILITATOR, null, e.dueAt(), false,
                    new Meeting(null, e.participants(), null, null, 0),
                    ReviewDocument.EMPTY, Map.of(), null, 0, Map.of(), false, e.requestedBy());
        }
        if (event instanceof ReviewEvent.FacilitatorAssigned e) {
            return state.withFacilitator(state.meeting().assigned(e.facilitator(), e.scheduledStart(), e.scheduledEnd(),
                    e.sequence()));
        }
        if (event instanceof ReviewEvent.Rescheduled e) {
            return state.rescheduled(state.meeting().movedTo(e.scheduledStart(), e.scheduledEnd(), e.sequence()),
                    e.dueAt());
        }
        if (event instanceof ReviewEvent.PutOnHold) {
            return state.onHold();
        }
        if (event instanceof ReviewEvent.Cancelled) {
            return state.withStatus(CANCELLED);
        }
        if (event instanceof ReviewEvent.Declined) {
            return state.withStatus(DECLINED);
        }
        if (event instanceof ReviewEvent.Started) {
            return state.withStatus(IN_REVIEW);
        }
        if (event instanceof ReviewEvent.ParticipantAdded e) {
            return state.withMeeting(state.meeting().withParticipant(e.participant()));
        }
        if (event instanceof ReviewEvent.DocumentUpdated e) {
            return state.withDocument(state.document().withText(e.field(), e.text()));
        }
        if (event instanceof ReviewEvent.TimelineAnnotated e) {
            return state.withDocument(state.document().withTimelineNote(e.entryId(), e.note()));
        }
        if (event instanceof ReviewEvent.ContributingFactorAdded e) {
            return state.withDocument(state.document().withFactor(
                    new ContributingFactor(e.factorId(), e.category(), e.description(), e.tags())));
        }
        if (event instanceof ReviewEvent.ContributingFactorRemoved e) {
            return state.withDocument(state.document().withoutFactor(e.factorId()));
        }
        if (event instanceof ReviewEvent.ActionItemProposed e) {
            return state.withDocument(state.document().withActionItem(e.item()));
        }
        if (event instanceof ReviewEvent.ActionItemChanged e) {
            return state.withDocument(state.document().withActionItem(e.item()));
        }
        if (event instanceof ReviewEvent.ActionItemRemoved e) {
            return state.withDocument(state.document().withoutActionItem(e.actionItemId()));
        }
        if (event instanceof ReviewEvent.FindingDismissed e) {
            return state.withDismissal(e.findingId(), e.reason());
        }
        if (event instanceof ReviewEvent.Published e) {
            return state.withOutcome(e.outcome(), 0);
        }
        if (event instanceof ReviewEvent.Amended e) {
            return state.withOutcome(e.outcome(), e.amendment());
        }
        if (event instanceof ReviewEvent.Overdue) {
            return state.markedOverdue();
        }
        if (event instanceof ReviewEvent.ActionItemStatusRecorded e) {
            return state.withActionItemStatus(e.actionItemId(), e.status());
        }
        if (event instanceof ReviewEvent.FollowUpCompleted) {
            return state.followUpDone();
        }
        if (event instanceof ReviewEvent.RecurrenceFound) {
            return state; // tells others; the review itself does not change
        }
        if (event instanceof ReviewEvent.SeverityChanged e) {
            Instant dueAt = e.dueAt() != null ? e.dueAt() : state.dueAt();
            return state.withTerms(state.incident().withSeverity(e.severity()), e.requirement(), dueAt);
        }
        throw new IllegalArgumentException("unknown event " + event.getClass().getName());
    }

    // --- scheduling -------------------------------------------------------------------------------------

    private List<ReviewEvent> schedule(Schedule c, ReviewState state) {
        require(c.incidentId(), "incidentId");
        requireText(c.incidentNumber(), "incidentNumber");
        require(c.severity(), "severity");
        require(c.service(), "service");
        require(c.title(), "title");
        require(c.requirement(), "requirement");
        if (!c.requirement().reviewNeeded()) {
            throw new InvalidCommand("requirement", "the policy asks for no review of a " + c.severity() + " incident");
        }
        require(c.dueAt(), "dueAt");
        requireText(c.facilitator(), "facilitator");
        requireSlot(c.scheduledStart(), c.scheduledEnd());
        requireActorAndTime(c.actor(), c.at());
        for (String participant : c.participants()) {
            requireText(participant, "participants");
        }
        if (c.participants().stream().anyMatch(p -> samePerson(p, c.facilitator()))) {
            throw new InvalidCommand("facilitator", "the facilitator cannot also be a participant of the review");
        }
        if (state.exists()) {
            if (state.incident().incidentId().equals(c.incidentId())) {
                return List.of();
            }
            throw new RuleViolation("review " + c.reviewId() + " already exists for incident "
                    + state.incident().incidentNumber());
        }
        return List.of(new ReviewEvent.Scheduled(c.reviewId(), c.incidentId(), c.incidentNumber(), c.severity(),
                c.service(), c.title(), c.requirement(), c.dueAt(), c.facilitator(), c.participants(),
                c.scheduledStart(), c.scheduledEnd(), c.actor(), c.at(), c.requestedBy()));
    }

    private List<ReviewEvent> scheduleWithoutFacilitator(ScheduleWithoutFacilitator c, ReviewState state) {
        require(c.incidentId(), "incidentId");
        requireText(c.incidentNumber(), "incidentNumber");
        require(c.severity(), "severity");
        require(c.service(), "service");
        require(c.title(), "title");
        require(c.requirement(), "requirement");
        if (!c.requirement().reviewNeeded()) {
            throw new InvalidCommand("requirement", "the policy asks for no review of a " + c.severity() + " incident");
        }
        require(c.dueAt(), "dueAt");
        requireText(c.reason(), "reason");
        requireReason(c.reason());
        requireActorAndTime(c.actor(), c.at());
        for (String participant : c.participants()) {
            requireText(participant, "participants");
        }
        if (state.exists()) {
            if (state.incident().incidentId().equals(c.incidentId())) {
                return List.of();
            }
            throw new RuleViolation("review " + c.reviewId() + " already exists for incident "
                    + state.incident().incidentNumber());
        }
        return List.of(new ReviewEvent.AwaitingFacilitator(c.reviewId(), c.incidentId(), c.incidentNumber(),
                c.severity(), c.service(), c.title(), c.requirement(), c.dueAt(), c.participants(), c.reason(),
                c.requestedBy(), c.actor(), c.at()));
    }

    private List<ReviewEvent> assignFacilitator(AssignFacilitator c, ReviewState state) {
        requireText(c.facilitator(), "facilitator");
        ReviewLimits.requireLength(c.facilitator().strip(), ReviewLimits.PARTICIPANT_LENGTH, "facilitator");
        requireSlot(c.scheduledStart(), c.scheduledEnd());
        requireActorAndTime(c.actor(), c.at());
        if (c.reason() != null) {
            requireReason(c.reason());
        }
        requireStatus(state, "assign a facilitator to", NEEDS_FACILITATOR, SCHEDULED, ON_HOLD, IN_REVIEW);
        Meeting meeting = state.meeting();
        if (meeting.hasParticipant(c.facilitator())) {
            throw new InvalidCommand("facilitator", c.facilitator().strip() + " takes part in the review (they were in "
                    + "the incident, or were added): a facilitator asks the questions of someone who was not there");
        }
        String facilitator = c.facilitator().strip();
        if (samePerson(meeting.facilitator(), facilitator) && c.scheduledStart().equals(meeting.start())
                && c.scheduledEnd().equals(meeting.end())) {
            return List.of();
        }
        int sequence = meeting.facilitator() == null ? 0 : meeting.sequence() + 1;
        return List.of(new ReviewEvent.FacilitatorAssigned(state.reviewId(), incidentId(state), facilitator,
                meeting.facilitator(), c.scheduledStart(), c.scheduledEnd(), sequence, c.reason(), c.actor(), c.at()));
    }

    private List<ReviewEvent> reschedule(Reschedule c, ReviewState state) {
        requireSlot(c.scheduledStart(), c.scheduledEnd());
        requireText(c.reason(), "reason");
        requireActorAndTime(c.actor(), c.at());
        requireStatus(state, "reschedule", SCHEDULED, ON_HOLD, IN_REVIEW);
        Instant dueAt = c.dueAt() != null ? c.dueAt() : state.dueAt();
        Meeting meeting = state.meeting();
        if (state.status() != ON_HOLD && meeting.start().equals(c.scheduledStart())
                && meeting.end().equals(c.scheduledEnd()) && dueAt.equals(state.dueAt())) {
            return List.of();
        }
        return List.of(new ReviewEvent.Rescheduled(state.reviewId(), incidentId(state), c.scheduledStart(),
                c.scheduledEnd(), dueAt, c.reason(), meeting.sequence() + 1, c.actor(), c.at()));
    }

    private List<ReviewEvent> putOnHold(PutOnHold c, ReviewState state) {
        // A review waiting for a facilitator has no meeting to hold: it keeps waiting (see README, "Policy").
        requireText(c.reason(), "reason");
        requireActorAndTime(c.actor(), c.at());
        if (state.status() != SCHEDULED && state.status() != IN_REVIEW) {
            return List.of();
        }
        return List.of(new ReviewEvent.PutOnHold(state.reviewId(), incidentId(state), c.reason(), c.actor(), c.at()));
    }

    private List<ReviewEvent> cancel(Cancel c, ReviewState state) {
        requireText(c.reason(), "reason");
        requireReason(c.reason());
        requireActorAndTime(c.actor(), c.at());
        if (state.status() == CANCELLED) {
            return List.of();
        }
        requireStatus(state, "cancel", NEEDS_FACILITATOR, SCHEDULED, ON_HOLD, IN_REVIEW);
        return List.of(new ReviewEvent.Cancelled(state.reviewId(), incidentId(state), c.reason(), c.actor(), c.at()));
    }

    private List<ReviewEvent> decline(Decline c, ReviewState state) {
        requireText(c.reason(), "reason");
        requireReason(c.reason());
        requireActorAndTime(c.actor(), c.at());
        if (state.status() == DECLINED) {
            return List.of();
        }
        if (!state.requirement().declinable()) {
            throw new RuleViolation("a " + state.requirement() + " review cannot be declined; only SUGGESTED ones can");
        }
        requireStatus(state, "decline", NEEDS_FACILITATOR, SCHEDULED, ON_HOLD);
        return List.of(new ReviewEvent.Declined(state.reviewId(), incidentId(state), c.reason(), c.actor(), c.at()));
    }

    private List<ReviewEvent> start(Start c, ReviewState state) {
        requireActorAndTime(c.actor(), c.at());
        if (state.status() == IN_REVIEW) {
            return List.of();
        }
        requireStatus(state, "start", SCHEDULED);
        return List.of(new ReviewEvent.Started(state.reviewId(), incidentId(state), c.actor(), c.at()));
    }

    private List<ReviewEvent> applySeverityChange(ApplySeverityChange c, ReviewState state) {
        require(c.terms(), "terms");
        requireActorAndTime(c.actor(), c.at());
        if (!state.status().isOpen()) {
            return List.of();
        }
        ReviewTerms terms = c.terms();
        if (state.requestedByHand() && !terms.reviewNeeded()) {
            // Someone asked for this review: a severity the policy needs no review for keeps it, and its due date.
            terms = new ReviewTerms(terms.severity(), state.requirement(), terms.resolvedAt(), state.dueAt());
        }
        boolean sameTerms = terms.severity() == state.incident().severity()
                && terms.requirement() == state.requirement()
                && (terms.dueAt() == null || terms.dueAt().equals(state.dueAt()));
        if (sameTerms) {
            return List.of();
        }
        List<ReviewEvent> events = new ArrayList<>();
        events.add(new ReviewEvent.SeverityChanged(state.reviewId(), incidentId(state), state.incident().severity(),
                terms.severity(), terms.requirement(), terms.dueAt(), c.actor(), c.at()));
        if (!terms.reviewNeeded()) {
            events.add(new ReviewEvent.Cancelled(state.reviewId(), incidentId(state),
                    "severity changed to " + terms.severity() + ": the review policy asks for no review",
                    c.actor(), c.at()));
        }
        return events;
    }

    // --- the document -----------------------------------------------------------------------------------

    private List<ReviewEvent> addParticipant(AddParticipant c, ReviewState state) {
        requireText(c.participant(), "participant");
        ReviewLimits.requireLength(c.participant().strip(), ReviewLimits.PARTICIPANT_LENGTH, "participant");
        requireActorAndTime(c.actor(), c.at());
        requireEditable(state);
        Meeting meeting = state.meeting();
        if (meeting.hasParticipant(c.participant()) || samePerson(meeting.facilitator(), c.participant())) {
            return List.of();
        }
        ReviewLimits.requireRoomForOne(meeting.participants(), ReviewLimits.PARTICIPANTS, "participants");
        return List.of(new ReviewEvent.ParticipantAdded(state.reviewId(), incidentId(state), c.participant().strip(),
                c.actor(), c.at()));
    }

    private List<ReviewEvent> updateDocument(UpdateDocument c, ReviewState state) {
        if (c.sections().isEmpty()) {
            throw new InvalidCommand("sections", "at least one section is required");
        }
        requireActorAndTime(c.actor(), c.at());
        requireEditable(state);
        List<ReviewEvent> events = new ArrayList<>();
        c.sections().forEach((field, text) ->
                ReviewLimits.requireLength(text, ReviewLimits.SECTION_LENGTH, field.fieldName()));
        for (DocumentField field : DocumentField.values()) {
            String text = c.sections().get(field);
            if (text != null && !text.equals(state.document().text(field))) {
                events.add(new ReviewEvent.DocumentUpdated(state.reviewId(), incidentId(state), field, text,
                        c.actor(), c.at()));
            }
        }
        return events;
    }

    private List<ReviewEvent> annotateTimeline(AnnotateTimeline c, ReviewState state) {
        requireText(c.entryId(), "entryId");
        ReviewLimits.requireLength(c.entryId(), ReviewLimits.TIMELINE_ENTRY_ID_LENGTH, "entryId");
        require(c.note(), "note");
        ReviewLimits.requireLength(c.note(), ReviewLimits.TIMELINE_NOTE_LENGTH, "note");
        requireActorAndTime(c.actor(), c.at());
        requireEditable(state);
        String current = state.document().timelineNotes().getOrDefault(c.entryId(), "");
        if (current.equals(c.note()) || (c.note().isBlank() && current.isEmpty())) {
            return List.of();
        }
        if (current.isEmpty()) {
            ReviewLimits.requireRoomForOne(state.document().timelineNotes().keySet(), ReviewLimits.TIMELINE_NOTES,
                    "timelineNotes");
        }
        return List.of(new ReviewEvent.TimelineAnnotated(state.reviewId(), incidentId(state), c.entryId(),
                c.note().isBlank() ? "" : c.note(), c.actor(), c.at()));
    }

    private List<ReviewEvent> addFactor(AddContributingFactor c, ReviewState state) {
        require(c.factorId(), "factorId");
        require(c.category(), "category");
        requireText(c.description(), "description");
        ReviewLimits.requireLength(c.description(), ReviewLimits.FACTOR_DESCRIPTION_LENGTH, "description");
        List<String> tags = ContributingFactor.normaliseTags(c.tags());
        ReviewLimits.requireCount(tags.size(), ReviewLimits.FACTOR_TAGS, "tags");
        for (String tag : tags) {
            ReviewLimits.requireLength(tag, ReviewLimits.FACTOR_TAG_LENGTH, "tags");
            if (!ContributingFactor.TAG.matcher(tag).matches()) {
                throw new InvalidCommand("tags", "a tag is lower-case letters, digits, '.', '_' or '-', starting with "
                        + "a letter or digit: '" + tag + "' is not");
            }
        }
        requireActorAndTime(c.actor(), c.at());
        requireEditable(state);
        ContributingFactor existing = state.document().contributingFactors().get(c.factorId());
        if (existing != null) {
            if (existing.category() == c.category() && existing.description().equals(c.description())
                    && existing.tags().equals(tags)) {
                return List.of();
            }
            throw new RuleViolation("contributing factor " + c.factorId() + " already exists with other content");
        }
        ReviewLimits.requireRoomForOne(state.document().contributingFactors().keySet(),
                ReviewLimits.CONTRIBUTING_FACTORS, "contributingFactors");
        return List.of(new ReviewEvent.ContributingFactorAdded(state.reviewId(), incidentId(state), c.factorId(),
                c.category(), c.description(), tags, c.actor(), c.at()));
    }

    private List<ReviewEvent> removeFactor(RemoveContributingFactor c, ReviewState state) {
        require(c.factorId(), "factorId");
        requireActorAndTime(c.actor(), c.at());
        requireEditable(state);
        ContributingFactor existing = state.document().contributingFactors().get(c.factorId());
        if (existing == null) {
            throw new RuleViolation("the review has no contributing factor " + c.factorId());
        }
        return List.of(new ReviewEvent.ContributingFactorRemoved(state.reviewId(), incidentId(state), c.factorId(),
                existing.category(), existing.description(), c.actor(), c.at()));
    }

    private List<ReviewEvent> proposeActionItem(ProposeActionItem c, ReviewState state) {
        ActionItem item = requireItem(c.item());
        requireActorAndTime(c.actor(), c.at());
        requireEditable(state);
        ActionItem existing = state.document().actionItems().get(item.actionItemId());
        if (existing != null) {
            if (existing.equals(item)) {
                return List.of();
            }
            throw new RuleViolation("action item " + item.actionItemId() + " already exists; change it instead");
        }
        ReviewLimits.requireRoomForOne(state.document().actionItems().keySet(), ReviewLimits.ACTION_ITEMS, "actionItems");
        return List.of(new ReviewEvent.ActionItemProposed(state.reviewId(), incidentId(state), item.actionItemId(),
                item.title(), item.type(), item.ownerTeam(), item.owner(), item.priority(), item.dueDate(),
                c.actor(), c.at()));
    }

    private List<ReviewEvent> changeActionItem(ChangeActionItem c, ReviewState state) {
        ActionItem item = requireItem(c.item());
        requireActorAndTime(c.actor(), c.at());
        requireEditable(state);
        ActionItem existing = state.document().actionItems().get(item.actionItemId());
        if (existing == null) {
            throw new RuleViolation("the review has no action item " + item.actionItemId());
        }
        if (existing.equals(item)) {
            return List.of();
        }
        return List.of(new ReviewEvent.ActionItemChanged(state.reviewId(), incidentId(state), item.actionItemId(),
                item.title(), item.type(), item.ownerTeam(), item.owner(), item.priority(), item.dueDate(),
                c.actor(), c.at()));
    }

    private List<ReviewEvent> removeActionItem(RemoveActionItem c, ReviewState state) {
        require(c.actionItemId(), "actionItemId");
        requireReason(c.reason());
        requireActorAndTime(c.actor(), c.at());
        requireEditable(state);
        ActionItem existing = state.document().actionItems().get(c.actionItemId());
        if (existing == null) {
            throw new RuleViolation("the review has no action item " + c.actionItemId());
        }
        return List.of(new ReviewEvent.ActionItemRemoved(state.reviewId(), incidentId(state), c.actionItemId(),
                existing.title(), c.reason(), c.actor(), c.at()));
    }

    private List<ReviewEvent> dismissFinding(DismissFinding c, ReviewState state) {
        requireText(c.findingId(), "findingId");
        requireText(c.reason(), "reason");
        requireReason(c.reason());
        requireActorAndTime(c.actor(), c.at());
        requireEditable(state);
        if (state.dismissals().containsKey(c.findingId())) {
            return List.of();
        }
        LanguageFinding finding = findings.of(state).stream()
                .map(ReviewFinding::finding)
                .filter(f -> f.id().equals(c.findingId()))
                .findFirst()
                .orElseThrow(() -> new RuleViolation("the review has no language finding " + c.findingId()
                        + " (the text may have changed since it was found)"));
        return List.of(new ReviewEvent.FindingDismissed(state.reviewId(), incidentId(state), finding.id(),
                finding.field(), finding.phrase(), finding.ruleId(), finding.category(), c.reason(), c.actor(), c.at()));
    }

    // --- publication and follow-up ----------------------------------------------------------------------

    private List<ReviewEvent> publish(Publish c, ReviewState state) {
        requireActorAndTime(c.actor(), c.at());
        if (state.status() == PUBLISHED) {
            throw new RuleViolation("the review is already published; amend it instead");
        }
        requireStatus(state, "publish", IN_REVIEW);
        requirePublishable(state, "publish");
        List<ReviewEvent> events = new ArrayList<>();
        requireFits(state.draftOutcome(c.at()));
        ReviewEvent.Published published = ReviewEvent.Published.of(state.draftOutcome(c.at()), c.actor(), c.link());
        events.add(published);
        if (!c.recurrences().isEmpty()) {
            List<Recurrence> earlier = c.recurrences().size() > Recurrence.MAX_EARLIER_REVIEWS
                    ? c.recurrences().subList(0, Recurrence.MAX_EARLIER_REVIEWS) : c.recurrences();
            events.add(new ReviewEvent.RecurrenceFound(state.reviewId(), incidentId(state),
                    state.incident().incidentNumber(), state.incident().service(), earlier, c.actor(), c.at()));
        }
        followUpIfComplete(evolve(state, published), c.at()).ifPresent(events::add);
        return events;
    }

    private List<ReviewEvent> amend(Amend c, ReviewState state) {
        requireText(c.reason(), "reason");
        requireReason(c.reason());
        requireActorAndTime(c.actor(), c.at());
        requireStatus(state, "amend", PUBLISHED);
        List<OutcomeChange> changes = state.unpublishedChanges();
        if (changes.isEmpty()) {
            throw new RuleViolation("nothing changed since the review was published; there is nothing to amend");
        }
        requirePublishable(state, "amend");
        requireFits(state.draftOutcome(state.outcome().publishedAt()));
        List<ReviewEvent> events = new ArrayList<>();
        ReviewEvent.Amended amended = ReviewEvent.Amended.of(state.draftOutcome(state.outcome().publishedAt()),
                state.amendments() + 1, changes, c.reason(), c.actor(), c.at(), c.link());
        events.add(amended);
        followUpIfComplete(evolve(state, amended), c.at()).ifPresent(events::add);
        return events;
    }

    private List<ReviewEvent> markOverdue(MarkOverdue c, ReviewState state) {
        require(c.now(), "now");
        boolean awaited = state.status() == NEEDS_FACILITATOR || state.status() == SCHEDULED
                || state.status() == IN_REVIEW;
        if (!awaited || state.overdue() || !c.now().isAfter(state.dueAt())) {
            return List.of();
        }
        return List.of(new ReviewEvent.Overdue(state.reviewId(), incidentId(state), state.incident().incidentNumber(),
                state.dueAt(), state.meeting().facilitator(), c.now()));
    }

    private List<ReviewEvent> recordActionItemStatus(RecordActionItemStatus c, ReviewState state) {
        require(c.actionItemId(), "actionItemId");
        require(c.status(), "status");
        require(c.at(), "at");
        boolean known = state.document().actionItems().containsKey(c.actionItemId())
                || (state.outcome() != null && state.outcome().actionItems().stream()
                .anyMatch(item -> item.actionItemId().equals(c.actionItemId())));
        boolean alreadyRecorded = c.status() == state.actionItemStatuses().get(c.actionItemId());
        if (state.status().isClosedWithoutPublishing() || !known || alreadyRecorded) {
            return List.of();
        }
        List<ReviewEvent> events = new ArrayList<>();
        ReviewEvent recorded = new ReviewEvent.ActionItemStatusRecorded(state.reviewId(), incidentId(state),
                c.actionItemId(), c.status(), c.actor(), c.at());
        events.add(recorded);
        followUpIfComplete(evolve(state, recorded), c.at()).ifPresent(events::add);
        return events;
    }

    private static Optional<ReviewEvent> followUpIfComplete(ReviewState next, Instant at) {
        if (next.status() != PUBLISHED || next.followUpCompleted() || !next.allOutcomeActionItemsClosed()) {
            return Optional.empty();
        }
        List<UUID> itemIds = next.outcome().actionItems().stream().map(ActionItem::actionItemId).toList();
        return Optional.of(new ReviewEvent.FollowUpCompleted(next.reviewId(), incidentId(next),
                next.incident().incidentNumber(), itemIds, at));
    }

    private void requirePublishable(ReviewState state, String action) {
        if (state.document().text(DocumentField.SUMMARY).isBlank()) {
            throw new RuleViolation("cannot " + action + " a review without a summary");
        }
        List<ReviewFinding> open = findings.open(state);
        if (!open.isEmpty()) {
            String listed = open.stream()
                    .map(f -> f.finding().field() + ": \"" + f.finding().phrase() + "\" (" + f.id() + ")")
                    .collect(Collectors.joining("; "));
            throw new RuleViolation("cannot " + action + " while " + open.size()
                    + " language finding(s) are open; reword or dismiss each with a reason: " + listed);
        }
    }

    // --- checks -----------------------------------------------------------------------------------------

    /**
     * The events of an edit, unless they would grow the outcome past {@link ReviewLimits#OUTCOME_BYTES}. An edit
     * that shrinks an outcome already past it (written before the limit existed) is let through.
     */
    private List<ReviewEvent> fitting(List<ReviewEvent> events, ReviewState state, Instant at) {
        if (events.isEmpty()) {
            return events;
        }
        ReviewState next = state;
        for (ReviewEvent event : events) {
            next = evolve(next, event);
        }
        long after = OutcomeSize.bytesOf(next.draftOutcome(at));
        if (after > ReviewLimits.OUTCOME_BYTES && after > OutcomeSize.bytesOf(state.draftOutcome(at))) {
            throw new OutcomeTooLarge(after);
        }
        return events;
    }

    private static void requireFits(ReviewOutcome outcome) {
        long bytes = OutcomeSize.bytesOf(outcome);
        if (bytes > ReviewLimits.OUTCOME_BYTES) {
            throw new OutcomeTooLarge(bytes);
        }
    }

    private static void requireReason(String reason) {
        ReviewLimits.requireLength(reason, ReviewLimits.REASON_LENGTH, "reason");
    }

    private static UUID incidentId(ReviewState state) {
        return state.incident().incidentId();
    }

    private static void requireStatus(ReviewState state, String action, ReviewStatus... allowed) {
        for (ReviewStatus status : allowed) {
            if (state.status() == status) {
                return;
            }
        }
        throw new RuleViolation("cannot " + action + " a review that is " + state.status());
    }

    private static void requireEditable(ReviewState state) {
        if (state.status().isClosedWithoutPublishing()) {
            throw new RuleViolation("a review that is " + state.status() + " cannot be edited");
        }
    }

    private static ActionItem requireItem(ActionItem item) {
        if (item == null) {
            throw new InvalidCommand("item", "item is required");
        }
        requireText(item.title(), "title");
        requireText(item.ownerTeam(), "ownerTeam");
        ReviewLimits.requireLength(item.title(), ReviewLimits.ACTION_ITEM_LINE_LENGTH, "title");
        ReviewLimits.requireLength(item.ownerTeam(), ReviewLimits.ACTION_ITEM_LINE_LENGTH, "ownerTeam");
        ReviewLimits.requireLength(item.owner(), ReviewLimits.ACTION_ITEM_LINE_LENGTH, "owner");
        return item;
    }

    private static void requireSlot(Instant start, Instant end) {
        require(start, "scheduledStart");
        require(end, "scheduledEnd");
        if (!end.isAfter(start)) {
            throw new InvalidCommand("scheduledEnd", "the meeting must end after it starts");
        }
    }

    private static void requireActorAndTime(String actor, Instant at) {
        requireText(actor, "actor");
        require(at, "at");
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new InvalidCommand(field, field + " is required");
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidCommand(field, field + " is required");
        }
    }

    private static boolean samePerson(String a, String b) {
        return a != null && b != null && a.strip().equalsIgnoreCase(b.strip());
    }
}
