package dev.incidentlifecycle.actions.actionitem;

import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.ApplyAmendment;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.ChangeDueDate;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.CloseAsWontDo;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.Complete;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.Create;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.CreateAdHoc;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.LinkTracker;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.MarkOverdue;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.MarkRecurred;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.Reassign;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.RemoveByAmendment;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.Reopen;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.Start;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Amended;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.BecameOverdue;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.ClosedAsWontDo;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Completed;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Created;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.DueDateChanged;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Reassigned;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Recurred;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Removed;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Reopened;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Started;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.TrackerLinked;
import dev.incidentlifecycle.eventsourcing.Decider;
import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventsourcing.RuleViolation;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The action item aggregate: decides commands against the folded {@link ActionItem} and applies the
 * resulting {@link ActionItemEvent}s.
 *
 * <p>Lifecycle: OPEN → IN_PROGRESS → DONE or WONT_DO, and DONE or WONT_DO straight from OPEN too,
 * because teams often close an item without marking it started (a one-line config change, or a
 * decision not to do it). DONE and WONT_DO reopen to OPEN. Only open items (OPEN, IN_PROGRESS) can be
 * reassigned or have their due date changed; a tracker link can be added at any status until removal.
 *
 * <p>Repeats: asking for a status the item already has is refused (RuleViolation), because it means
 * the caller's view is stale; setting a value the item already has (same team and owner, same due
 * date, same tracker URL) yields no events, as a harmless repeat.
 *
 * <p>Removal by amendment: the item keeps the ordinary statuses and is marked {@code removed}; an open
 * item becomes WONT_DO with the justification {@value #REMOVED_BY_AMENDMENT}, so a review's follow-up
 * can still complete, while an item already DONE stays DONE (the work was done). Removal is final: a
 * removed item accepts no further change, and an amendment that lists it again changes nothing.
 *
 * <p>An item belongs to the review that created it: a creation or amendment from another review's outcome
 * that names its id is invalid ({@link ItemOfAnotherReview}), so the consumer dead-letters that outcome with
 * the reason instead of letting one team's review take over another team's item.
 *
 * <p>Items created by hand ({@link CreateAdHoc}, origin AD_HOC) reference a review but are not part of its outcome:
 * they have the same SLA, lifecycle and team rules, and no review's outcome may create, amend or remove them. One
 * created for an incident that has no review references the incident alone ({@link ReviewOrigin#withoutReview}):
 * its events carry no review id.
 */
public final class ActionItemDecider implements Decider<ActionItemCommand, ActionItem, ActionItemEvent> {

    /** The justification and reason recorded when an amendment removes an item from its review. */
    public static final String REMOVED_BY_AMENDMENT = "removed from review by amendment";

    private static final int MAX_URL_LENGTH = 2048;
    /** The most later reviews one item records as having recurred it: beyond, it plainly keeps recurring. */
    public static final int MAX_RECURRENCES = 20;

    private final DueDatePolicy dueDates;

    /** @param dueDates gives the due date of items the review gave none, normally the SLA */
    public ActionItemDecider(DueDatePolicy dueDates) {
        this.dueDates = Objects.requireNonNull(dueDates, "dueDates");
    }

    @Override
    public ActionItem initialState() {
        return ActionItem.NONE;
    }

    @Override
    public List<ActionItemEvent> decide(ActionItemCommand command, ActionItem state) {
        requireCommon(command);
        if (command instanceof Create c) {
            return create(c, state);
        }
        if (command instanceof CreateAdHoc c) {
            return createAdHoc(c, state);
        }
        if (command instanceof ApplyAmendment c) {
            return applyAmendment(c, state);
        }
        if (command instanceof RemoveByAmendment c) {
            return remove(c, state);
        }
        if (command instanceof Start c) {
            return start(c, state);
        }
        if (command instanceof Complete c) {
            return complete(c, state);
        }
        if (command instanceof CloseAsWontDo c) {
            return closeAsWontDo(c, state);
        }
        if (command instanceof Reopen c) {
            return reopen(c, state);
        }
        if (command instanceof Reassign c) {
            return reassign(c, state);
        }
        if (command instanceof ChangeDueDate c) {
            return changeDueDate(c, state);
        }
        if (command instanceof LinkTracker c) {
            return linkTracker(c, state);
        }
        if (command instanceof MarkOverdue c) {
            return markOverdue(c, state);
        }
        if (command instanceof MarkRecurred c) {
            return markRecurred(c, state);
        }
        throw new IllegalArgumentException("unknown command " + command.getClass().getName());
    }

    // --- from review outcomes

    private List<ActionItemEvent> create(Create c, ActionItem state) {
        requireOutcome(c.origin(), c.item());
        requireReview(c.origin());
        requireSameReview(c.origin(), state);
        if (state.exists()) {
            // The same review outcome can be delivered twice (at-least-once); a second copy, or an
            // older one arriving after an amendment, must not create or change anything.
            return List.of();
        }
        return List.of(created(c.origin(), c.item(), ActionItemOrigin.REVIEW, c.by(), c.at()));
    }

    private List<ActionItemEvent> applyAmendment(ApplyAmendment c, ActionItem state) {
        requireOutcome(c.origin(), c.item());
        requireReview(c.origin());
        requireSameReview(c.origin(), state);
        if (!state.exists()) {
            return List.of(created(c.origin(), c.item(), ActionItemOrigin.REVIEW, c.by(), c.at()));
        }
        if (state.removed()) {
            return List.of();
        }
        ReviewedItem before = state.asReviewed();
        ReviewedItem now = withoutBlankOwner(c.item());
        // Only what the review itself changed overrides the item: a team's reassignment or due date
        // change survives an amendment that touched other fields (nothing is overwritten silently).
        Set<AmendedField> changed = EnumSet.noneOf(AmendedField.class);
        String title = state.title();
        if (!Objects.equals(before.title(), now.title())) {
            changed.add(AmendedField.TITLE);
            title = now.title();
        }
        ActionItemType type = state.type();
        if (before.type() != now.type()) {
            changed.add(AmendedField.TYPE);
            type = now.type();
        }
        String ownerTeam = state.ownerTeam();
        if (!Objects.equals(before.ownerTeam(), now.ownerTeam())) {
            changed.add(AmendedField.OWNER_TEAM);
            ownerTeam = now.ownerTeam();
        }
        String owner = state.owner();
        if (!Objects.equals(before.owner(), now.owner())) {
            changed.add(AmendedField.OWNER);
            owner = now.owner();
        }
        Priority priority = state.priority();
        if (before.priority() != now.priority()) {
            changed.add(AmendedField.PRIORITY);
            priority = now.priority();
        }
        LocalDate dueDate = state.dueDate();
        boolean dueDateFromSla = state.dueDateFromSla();
        if (!Objects.equals(before.dueDate(), now.dueDate())) {
            changed.add(AmendedField.DUE_DATE);
            dueDateFromSla = now.dueDate() == null;
            dueDate = dueDateFromSla ? slaDueDate(type, state) : now.dueDate();
        } else if (changed.contains(AmendedField.TYPE) && state.dueDateFromSla()) {
            // The SLA depends on the type: a date nobody chose follows it.
            LocalDate sla = slaDueDate(type, state);
            if (!sla.equals(dueDate)) {
                changed.add(AmendedField.DUE_DATE);
                dueDate = sla;
            }
        }
        if (changed.isEmpty()) {
            return List.of();
        }
        return List.of(new Amended(state.id(), state.reviewId(), List.copyOf(changed), title, type, ownerTeam, owner,
                priority, dueDate, dueDateFromSla, now, c.by(), c.at()));
    }

    private List<ActionItemEvent> remove(RemoveByAmendment c, ActionItem state) {
        requireExists(state, c);
        if (state.origin() == ActionItemOrigin.AD_HOC) {
            throw ItemOfAnotherReview.createdByHand(state.id(), state.reviewId());
        }
        if (state.removed()) {
            return List.of();
        }
        ActionItemStatus after = state.status().isClosed() ? state.status() : ActionItemStatus.WONT_DO;
        return List.of(new Removed(state.id(), state.reviewId(), after, REMOVED_BY_AMENDMENT, c.by(), c.at()));
    }

    // --- by hand

    private List<ActionItemEvent> createAdHoc(CreateAdHoc c, ActionItem state) {
        requireOutcome(c.reference(), c.item());
        if (c.item().dueDate() != null && c.item().dueDate().isBefore(earliestDueDate(c.at()))) {
            throw new InvalidCommand("dueDate", "the due date " + c.item().dueDate() + " is in the past");
        }
        if (state.exists()) {
            throw refused(state, "exists already");
        }
        return List.of(created(c.reference(), c.item(), ActionItemOrigin.AD_HOC, c.by(), c.at()));
    }

    private Created created(ReviewOrigin origin, ReviewedItem item, ActionItemOrigin how, String by, Instant at) {
        boolean fromSla = item.dueDate() == null;
        LocalDate dueDate = fromSla ? requireSlaDate(dueDates.dueDate(item.type(), origin.severity(), at)) : item.dueDate();
        return new Created(item.actionItemId(), origin.reviewId(), origin.incidentId(), origin.incidentNumber(),
                origin.severity(), origin.service(), item.title(), item.type(), item.ownerTeam(), blankToNull(item.owner()),
                item.priority(), dueDate, fromSla, by, at, how);
    }

    private LocalDate slaDueDate(ActionItemType type, ActionItem state) {
        // Counted from the item's creation, as it was when the item was created.
        return requireSlaDate(dueDates.dueDate(type, state.severity(), state.createdAt()));
    }

    // --- lifecycle

    private List<ActionItemEvent> start(Start c, ActionItem state) {
        requireChangeable(state, c);
        if (state.status() != ActionItemStatus.OPEN) {
            throw refused(state, state.status() == ActionItemStatus.IN_PROGRESS
                    ? "is already in progress"
                    : "is " + state.status() + ": reopen it before starting it");
        }
        return List.of(new Started(state.id(), state.reviewId(), c.by(), c.at()));
    }

    private List<ActionItemEvent> complete(Complete c, ActionItem state) {
        String note = requireText("resolutionNote", c.resolutionNote(), "a resolution note saying what was changed is required");
        String link = c.link() == null || c.link().isBlank() ? null : requireWebUrl("link", c.link());
        requireChangeable(state, c);
        requireOpen(state, "completing");
        return List.of(new Completed(state.id(), state.reviewId(), note, link, c.by(), c.at()));
    }

    private List<ActionItemEvent> closeAsWontDo(CloseAsWontDo c, ActionItem state) {
        String justification = requireText("justification", c.justification(),
                "a justification is required to close an action item without doing it");
        requireChangeable(state, c);
        requireOpen(state, "closing it as won't do");
        return List.of(new ClosedAsWontDo(state.id(), state.reviewId(), justification, c.by(), c.at()));
    }

    private List<ActionItemEvent> reopen(Reopen c, ActionItem state) {
        String reason = requireText("reason", c.reason(), "a reason is required to reopen an action item");
        requireChangeable(state, c);
        if (!state.status().isClosed()) {
            throw refused(state, "is " + state.status() + ": only DONE or WONT_DO items can be reopened");
        }
        return List.of(new Reopened(state.id(), state.reviewId(), reason, c.by(), c.at()));
    }

    private List<ActionItemEvent> reassign(Reassign c, ActionItem state) {
        String toTeam = requireText("toTeam", c.toTeam(), "the team to reassign the action item to is required");
        String toOwner = blankToNull(c.toOwner());
        requireChangeable(state, c);
        requireOpen(state, "reassigning it");
        if (toTeam.equals(state.ownerTeam()) && Objects.equals(toOwner, state.owner())) {
            return List.of();
        }
        return List.of(new Reassigned(state.id(), state.reviewId(), state.ownerTeam(), toTeam, state.owner(), toOwner,
                blankToNull(c.reason()), c.by(), c.at()));
    }

    private List<ActionItemEvent> changeDueDate(ChangeDueDate c, ActionItem state) {
        if (c.dueDate() == null) {
            throw new InvalidCommand("dueDate", "the new due date is required");
        }
        String reason = requireText("reason", c.reason(), "a reason is required to change the due date");
        if (c.dueDate().isBefore(earliestDueDate(c.at()))) {
            throw new InvalidCommand("dueDate", "the new due date " + c.dueDate() + " is in the past");
        }
        requireChangeable(state, c);
        requireOpen(state, "changing its due date");
        if (c.dueDate().equals(state.dueDate())) {
            return List.of();
        }
        return List.of(new DueDateChanged(state.id(), state.reviewId(), state.dueDate(), c.dueDate(), reason, c.by(),
                c.at()));
    }

    private List<ActionItemEvent> linkTracker(LinkTracker c, ActionItem state) {
        String url = requireWebUrl("url", c.url());
        requireChangeable(state, c);
        if (url.equals(state.trackerUrl())) {
            return List.of();
        }
        return List.of(new TrackerLinked(state.id(), state.reviewId(), url, c.by(), c.at()));
    }

    private List<ActionItemEvent> markOverdue(MarkOverdue c, ActionItem state) {
        if (c.today() == null) {
            throw new InvalidCommand("today", "today's date is required");
        }
        requireExists(state, c);
        // Once per due date: the sweep asks every time it runs, and only the first ask after the
        // due date passes yields an event. A due date change clears overdueNotifiedFor (re-arms it).
        if (state.removed() || !state.overdueOn(c.today()) || state.dueDate().equals(state.overdueNotifiedFor())) {
            return List.of();
        }
        return List.of(new BecameOverdue(state.id(), state.reviewId(), state.dueDate(), state.ownerTeam(),
                state.owner(), c.by(), c.at()));
    }

    private List<ActionItemEvent> markRecurred(MarkRecurred c, ActionItem state) {
        if (c.laterReviewId() == null) {
            throw new InvalidCommand("laterReviewId", "the review that found the recurrence is required");
        }
        if (c.shared().isEmpty() || c.shared().size() > MAX_RECURRENCES) {
            throw new InvalidCommand("shared", "between 1 and " + MAX_RECURRENCES + " shared factors are required");
        }
        // Idempotent: the same later review marks an item once, however often it is named.
        if (!state.exists() || state.status() != ActionItemStatus.DONE || c.laterReviewId().equals(state.reviewId())
                || state.recurredBy().contains(c.laterReviewId()) || state.recurredBy().size() >= MAX_RECURRENCES) {
            return List.of();
        }
        return List.of(new Recurred(state.id(), state.reviewId(), c.laterReviewId(), c.laterIncidentId(),
                c.laterIncidentNumber(), c.shared(), c.by(), c.at()));
    }

    // --- evolve

    @Override
    public ActionItem evolve(ActionItem state, ActionItemEvent event) {
        if (event instanceof Created e) {
            return new ActionItem(e.actionItemId(), e.reviewId(), e.incidentId(), e.incidentNumber(), e.severity(),
                    e.service(), e.title(), e.itemType(), e.ownerTeam(), e.owner(), e.priority(), ActionItemStatus.OPEN,
                    e.dueDate(), e.dueDateFromSla(), e.occurredAt(), null, null, null, null, null, null, null, false,
                    new ReviewedItem(e.actionItemId(), e.title(), e.itemType(), e.ownerTeam(), e.owner(), e.priority(),
                            e.dueDateFromSla() ? null : e.dueDate()), ActionItemOrigin.orReview(e.origin()), List.of());
        }
        ActionItem.Draft next = state.draft();
        if (event instanceof Started) {
            next.status = ActionItemStatus.IN_PROGRESS;
        } else if (event instanceof Completed e) {
            next.status = ActionItemStatus.DONE;
            next.completedAt = e.occurredAt();
            next.closedAt = e.occurredAt();
            next.resolutionNote = e.resolutionNote();
            next.link = e.link();
            next.justification = null;
        } else if (event instanceof ClosedAsWontDo e) {
            next.status = ActionItemStatus.WONT_DO;
            next.completedAt = null;
            next.closedAt = e.occurredAt();
            next.resolutionNote = null;
            next.link = null;
            next.justification = e.justification();
        } else if (event instanceof Reopened) {
            next.status = ActionItemStatus.OPEN;
            next.completedAt = null;
            next.closedAt = null;
            next.resolutionNote = null;
            next.link = null;
            next.justification = null;
        } else if (event instanceof Reassigned e) {
            next.ownerTeam = e.toTeam();
            next.owner = e.toOwner();
        } else if (event instanceof DueDateChanged e) {
            next.dueDate = e.to();
            next.dueDateFromSla = false;
            next.overdueNotifiedFor = null;
        } else if (event instanceof TrackerLinked e) {
            next.trackerUrl = e.url();
        } else if (event instanceof Amended e) {
            next.title = e.title();
            next.type = e.itemType();
            next.ownerTeam = e.ownerTeam();
            next.owner = e.owner();
            next.priority = e.priority();
            if (!Objects.equals(e.dueDate(), state.dueDate())) {
                next.overdueNotifiedFor = null;
            }
            next.dueDate = e.dueDate();
            next.dueDateFromSla = e.dueDateFromSla();
            next.asReviewed = e.asReviewed();
        } else if (event instanceof Removed e) {
            next.removed = true;
            if (!state.status().isClosed()) {
                next.status = e.status();
                next.closedAt = e.occurredAt();
                next.justification = e.reason();
            }
        } else if (event instanceof BecameOverdue e) {
            next.overdueNotifiedFor = e.dueDate();
        } else if (event instanceof Recurred e) {
            List<UUID> recurredBy = new ArrayList<>(state.recurredBy());
            recurredBy.add(e.laterReviewId());
            next.recurredBy = recurredBy;
        } else {
            throw new IllegalArgumentException("unknown event " + event.getClass().getName());
        }
        return next.toState();
    }

    // --- checks

    private static void requireCommon(ActionItemCommand command) {
        Objects.requireNonNull(command, "command");
        if (command.actionItemId() == null) {
            throw new InvalidCommand("actionItemId", "the action item id is required");
        }
        requireText("by", command.by(), "the actor is required");
        if (command.at() == null) {
            throw new InvalidCommand("at", "the time of the command is required");
        }
    }

    private static void requireOutcome(ReviewOrigin origin, ReviewedItem item) {
        if (origin == null) {
            throw new InvalidCommand("origin", "the review the action item came from is required");
        }
        if (origin.incidentId() == null) {
            throw new InvalidCommand("incidentId", "the incident id is required");
        }
        if (origin.severity() == null) {
            throw new InvalidCommand("severity", "the incident severity is required");
        }
        if (item == null) {
            throw new InvalidCommand("item", "the action item as the review states it is required");
        }
        requireText("title", item.title(), "the action item title is required");
        if (item.type() == null) {
            throw new InvalidCommand("type", "the action item type is required (PREVENT, DETECT, MITIGATE, PROCESS or LEARN)");
        }
        requireText("ownerTeam", item.ownerTeam(), "the owner team is required");
        if (item.priority() == null) {
            throw new InvalidCommand("priority", "the priority is required (P1 to P4)");
        }
    }

    /** An item of a review's outcome names its review; only one created by hand may be for an incident alone. */
    private static void requireReview(ReviewOrigin origin) {
        if (origin.reviewId() == null) {
            throw new InvalidCommand("reviewId", "the review id is required");
        }
    }

    /**
     * An item belongs to the review that created it, for good: another review's outcome naming the same id is
     * refused as invalid (dead-lettered with this reason), never applied. Otherwise any reviewer could list
     * another team's item on their own review, make their team its owner by amendment, and close it.
     */
    private static void requireSameReview(ReviewOrigin origin, ActionItem state) {
        if (state.exists() && state.origin() == ActionItemOrigin.AD_HOC) {
            throw ItemOfAnotherReview.createdByHand(state.id(), origin.reviewId());
        }
        if (state.exists() && !state.reviewId().equals(origin.reviewId())) {
            throw new ItemOfAnotherReview(state.id(), state.reviewId(), origin.reviewId());
        }
    }

    private static void requireExists(ActionItem state, ActionItemCommand command) {
        if (!state.exists()) {
            throw new RuleViolation("action item " + command.actionItemId() + " does not exist");
        }
    }

    /** Exists and was not removed by an amendment. */
    private static void requireChangeable(ActionItem state, ActionItemCommand command) {
        requireExists(state, command);
        if (state.removed()) {
            throw refused(state, "was " + REMOVED_BY_AMENDMENT + " and is kept for history only");
        }
    }

    private static void requireOpen(ActionItem state, String doing) {
        if (state.status().isClosed()) {
            throw refused(state, "is " + state.status() + ": reopen it before " + doing);
        }
    }

    private static RuleViolation refused(ActionItem state, String why) {
        return new RuleViolation("action item " + state.id() + " " + why);
    }

    private static String requireText(String field, String value, String message) {
        if (value == null || value.isBlank()) {
            throw new InvalidCommand(field, message);
        }
        return value;
    }

    /** An absolute http or https URL with a host; any tracker (Jira, GitHub, Linear, ...) qualifies. */
    static String requireWebUrl(String field, String value) {
        String url = requireText(field, value, field + " is required").strip();
        String expected = field + " must be an absolute http(s) URL, like https://tracker.example.com/browse/OPS-12";
        if (url.length() > MAX_URL_LENGTH) {
            throw new InvalidCommand(field, field + " is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidCommand(field, expected + " (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))
                || uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidCommand(field, expected);
        }
        return url;
    }

    /** One day of slack below the UTC date, so that no time zone's "today" is refused as past. */
    private static LocalDate earliestDueDate(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).minusDays(1);
    }

    private static LocalDate requireSlaDate(LocalDate date) {
        return Objects.requireNonNull(date, "the due date policy gave no date");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static ReviewedItem withoutBlankOwner(ReviewedItem item) {
        return new ReviewedItem(item.actionItemId(), item.title(), item.type(), item.ownerTeam(),
                blankToNull(item.owner()), item.priority(), item.dueDate());
    }
}
