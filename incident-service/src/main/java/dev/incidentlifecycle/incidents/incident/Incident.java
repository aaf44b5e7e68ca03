package dev.incidentlifecycle.incidents.incident;

import dev.incidentlifecycle.eventsourcing.Decider;
import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventsourcing.RuleViolation;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.Acknowledge;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.AddLink;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.AddNote;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.AssignRole;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.AttachAlert;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.ChangeSeverity;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.Close;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.Declare;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.JoinAsResponder;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.Mitigate;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.RecordAllAlertsResolved;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.Reopen;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.Resolve;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.UpdateImpact;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The incident aggregate (stream {@link #streamId}): declared, acknowledged once, mitigated, resolved,
 * reopened, closed; severity changes with a reason; roles, responders, notes, customer impact, links and
 * alerts. Illegal transitions throw {@link RuleViolation} naming the incident and its status; malformed
 * commands throw {@link InvalidCommand} naming the field. Repeats that change nothing (a responder joining
 * twice, the same role holder, the same impact statement, a link or alert already there) yield no events.
 * A CLOSED incident refuses everything: closing is final (a recurrence is a new incident, linked to this one). See {@link IncidentCommand} for the time rules.
 */
public final class Incident implements Decider<IncidentCommand, IncidentState, IncidentEvent> {

    public static final int MAX_TITLE_LENGTH = 300;
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_TEXT_LENGTH = 10_000;
    public static final int MAX_URL_LENGTH = 2_048;

    /** The reason given when the incident resolves because all its alerts resolved. */
    public static final String ALL_ALERTS_RESOLVED = "all alerts resolved";

    private static final Pattern NUMBER = Pattern.compile("INC-[1-9][0-9]*");

    /** The event stream of an incident. */
    public static String streamId(UUID incidentId) {
        return "incident-" + incidentId;
    }

    /** The human number for the n-th incident: {@code INC-42}. */
    public static String number(long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("incident numbers start at 1");
        }
        return "INC-" + sequence;
    }

    @Override
    public IncidentState initialState() {
        return IncidentState.NONE;
    }

    @Override
    public List<IncidentEvent> decide(IncidentCommand command, IncidentState state) {
        String actor = name(command.actor(), "actor", "who did it");
        if (command.recordedAt() == null) {
            throw new InvalidCommand("recordedAt", "the time the command was recorded is missing");
        }
        Instant at = command.happenedAt();
        if (at.isAfter(command.recordedAt())) {
            throw new InvalidCommand("occurredAt", "occurredAt " + at + " is in the future (recorded at "
                    + command.recordedAt() + ")");
        }
        if (command instanceof Declare declare) {
            return declare(declare, actor, at, state);
        }
        if (!state.hasBeenDeclared()) {
            throw new RuleViolation("no incident has been declared on this stream");
        }
        if (command instanceof AttachAlert c) {
            return attachAlert(c, actor, at, state);
        }
        if (command instanceof Acknowledge) {
            return acknowledge(actor, at, state);
        }
        if (command instanceof ChangeSeverity c) {
            return changeSeverity(c, actor, at, state);
        }
        if (command instanceof AssignRole c) {
            return assignRole(c, actor, at, state);
        }
        if (command instanceof JoinAsResponder c) {
            return join(c, actor, at, state);
        }
        if (command instanceof AddNote c) {
            return addNote(c, actor, at, state);
        }
        if (command instanceof UpdateImpact c) {
            return updateImpact(c, actor, at, state);
        }
        if (command instanceof AddLink c) {
            return addLink(c, actor, at, state);
        }
        if (command instanceof Mitigate) {
            return mitigate(actor, at, state);
        }
        if (command instanceof Resolve c) {
            return resolve(c, actor, at, state);
        }
        if (command instanceof Reopen c) {
            return reopen(c, actor, at, state);
        }
        if (command instanceof Close c) {
            return close(c, actor, at, state);
        }
        if (command instanceof RecordAllAlertsResolved c) {
            return recordAllAlertsResolved(c, actor, at, state);
        }
        if (command instanceof IncidentCommand.DetachAlert c) {
            return detachAlert(c, actor, at, state);
        }
        if (command instanceof IncidentCommand.Edit c) {
            return edit(c, actor, at, state);
        }
        if (command instanceof IncidentCommand.Merge c) {
            return merge(c, actor, at, state);
        }
        if (command instanceof IncidentCommand.AbsorbMerged c) {
            return absorbMerged(c, actor, at, state);
        }
        throw new IllegalArgumentException("unknown incident command " + command);
    }

    private static List<IncidentEvent> declare(Declare c, String actor, Instant at, IncidentState state) {
        if (state.hasBeenDeclared()) {
            throw new RuleViolation("incident " + state.number() + " has already been declared");
        }
        if (c.incidentId() == null) {
            throw new InvalidCommand("incidentId", "the incident id is missing");
        }
        if (c.number() == null || !NUMBER.matcher(c.number()).matches()) {
            throw new InvalidCommand("number", "an incident number reads INC-<n>, not " + c.number());
        }
        String title = text(c.title(), "title", "an incident needs a title", MAX_TITLE_LENGTH);
        if (c.severity() == null) {
            throw new InvalidCommand("severity", "an incident needs a severity (SEV1 to SEV4)");
        }
        String service = optionalName(c.service(), "service");
        String commander = optionalName(c.commander(), "commander");
        Instant detectedAt = c.detectedAt() != null ? c.detectedAt()
                : c.alert() != null && c.alert().triggeredAt() != null ? c.alert().triggeredAt()
                : at;
        if (detectedAt.isAfter(at)) {
            throw new InvalidCommand("detectedAt", "detectedAt " + detectedAt + " is after the declaration at " + at);
        }
        List<IncidentEvent> events = new ArrayList<>();
        events.add(new IncidentEvent.Declared(c.incidentId(), c.number(), title, c.severity(), service, commander,
                actor, at, detectedAt, c.alert() == null ? DeclarationSource.MANUAL : DeclarationSource.ALERT,
                c.groupingKey() == null || c.groupingKey().equals(service) ? null : c.groupingKey()));
        if (c.alert() != null) {
            events.add(alertAttached(c.incidentId(), c.alert(), actor, at));
        }
        return events;
    }

    private static List<IncidentEvent> attachAlert(AttachAlert c, String actor, Instant at, IncidentState state) {
        if (c.alert() == null) {
            throw new InvalidCommand("alert", "the alert to attach is missing");
        }
        requireNotClosed(state, "alerts cannot be attached to a closed incident");
        // An alert is attached once: its own stream (alert.attached-to-incident) decides that, so the incident's
        // state need not remember every alert id and its cost does not grow with the storm.
        notBeforeDeclaration(state, at);
        return List.of(alertAttached(state.id(), c.alert(), actor, at));
    }

    private static IncidentEvent alertAttached(UUID incidentId, AlertReference alert, String actor, Instant at) {
        return new IncidentEvent.AlertAttached(incidentId, alert.alertId(), alert.dedupKey(), alert.summary(),
                alert.severity(), actor, at);
    }

    private static List<IncidentEvent> acknowledge(String actor, Instant at, IncidentState state) {
        if (!state.status().open()) {
            throw new RuleViolation(is(state) + "only an INVESTIGATING or MITIGATED incident can be acknowledged");
        }
        if (state.acknowledgedAt() != null) {
            throw new RuleViolation("incident " + state.number() + " was already acknowledged by "
                    + state.acknowledgedBy() + " at " + state.acknowledgedAt());
        }
        notBeforeDeclaration(state, at);
        return List.of(new IncidentEvent.Acknowledged(state.id(), actor, at));
    }

    private static List<IncidentEvent> changeSeverity(ChangeSeverity c, String actor, Instant at, IncidentState state) {
        if (c.to() == null) {
            throw new InvalidCommand("to", "the new severity is missing");
        }
        String reason = text(c.reason(), "reason", "a severity change needs a reason", MAX_TEXT_LENGTH);
        requireNotClosed(state, "the severity of a closed incident cannot change");
        if (c.to() == state.severity()) {
            throw new RuleViolation("incident " + state.number() + " is already " + state.severity());
        }
        notBeforeDeclaration(state, at);
        return List.of(new IncidentEvent.SeverityChanged(state.id(), state.severity(), c.to(), reason, actor, at));
    }

    private static List<IncidentEvent> assignRole(AssignRole c, String actor, Instant at, IncidentState state) {
        if (c.role() == null) {
            throw new InvalidCommand("role", "the role is missing (COMMANDER, COMMUNICATIONS_LEAD or SCRIBE)");
        }
        String person = name(c.person(), "person", "who takes the role");
        requireNotClosed(state, "roles cannot be assigned on a closed incident");
        String previous = state.holderOf(c.role());
        if (person.equals(previous)) {
            return List.of();
        }
        notBeforeDeclaration(state, at);
        return List.of(new IncidentEvent.RoleAssigned(state.id(), c.role(), person, previous, actor, at));
    }

    private static List<IncidentEvent> join(JoinAsResponder c, String actor, Instant at, IncidentState state) {
        String person = name(c.person(), "person", "who joins");
        requireNotClosed(state, "responders cannot join a closed incident");
        // Joining is idempotent: a responder clicking "join" twice has still joined once.
        if (state.responders().contains(person)) {
            return List.of();
        }
        notBeforeDeclaration(state, at);
        return List.of(new IncidentEvent.ResponderJoined(state.id(), person, actor, at));
    }

    private static List<IncidentEvent> addNote(AddNote c, String actor, Instant at, IncidentState state) {
        if (c.noteId() == null) {
            throw new InvalidCommand("noteId", "the note id is missing");
        }
        if (c.text() == null || c.text().isBlank()) {
            throw new InvalidCommand("text", "a note needs text");
        }
        if (c.text().length() > MAX_TEXT_LENGTH) {
            throw new InvalidCommand("text", "a note is at most " + MAX_TEXT_LENGTH + " characters");
        }
        requireNotClosed(state, "notes cannot be added to a closed incident");
        // A note may be dated before the declaration: what people saw before anyone declared anything.
        return List.of(new IncidentEvent.NoteAdded(state.id(), c.noteId(), c.text(), actor, at));
    }

    private static List<IncidentEvent> updateImpact(UpdateImpact c, String actor, Instant at, IncidentState state) {
        String statement = text(c.statement(), "statement", "a customer-impact statement needs text", MAX_TEXT_LENGTH);
        requireNotClosed(state, "the impact of a closed incident cannot change");
        if (statement.equals(state.impact())) {
            return List.of();
        }
        notBeforeDeclaration(state, at);
        return List.of(new IncidentEvent.ImpactUpdated(state.id(), statement, actor, at));
    }

    private static List<IncidentEvent> addLink(AddLink c, String actor, Instant at, IncidentState state) {
        String url = webAddress(c.url());
        String title = c.title() == null || c.title().isBlank()
                ? url
                : text(c.title(), "title", "a link title needs text", MAX_TITLE_LENGTH);
        requireNotClosed(state, "links cannot be added to a closed incident");
        if (state.links().stream().anyMatch(link -> link.url().equals(url))) {
            return List.of();
        }
        notBeforeDeclaration(state, at);
        return List.of(new IncidentEvent.LinkAdded(state.id(), url, title, actor, at));
    }

    private static List<IncidentEvent> mitigate(String actor, Instant at, IncidentState state) {
        if (state.status() != IncidentStatus.INVESTIGATING) {
            throw new RuleViolation(is(state) + "only an INVESTIGATING incident can be mitigated");
        }
        notBeforeDeclaration(state, at);
        return List.of(new IncidentEvent.Mitigated(state.id(), actor, at));
    }

    private static List<IncidentEvent> resolve(Resolve c, String actor, Instant at, IncidentState state) {
        String reason = c.reason() == null || c.reason().isBlank()
                ? null
                : text(c.reason(), "reason", "", MAX_TEXT_LENGTH);
        if (!state.status().open()) {
            throw new RuleViolation(is(state) + "only an INVESTIGATING or MITIGATED incident can be resolved");
        }
        notBeforeDeclaration(state, at);
        notBefore(state, state.mitigatedAt(), "mitigated", at, "resolved");
        return List.of(new IncidentEvent.Resolved(state.id(), reason, actor, at));
    }

    private static List<IncidentEvent> reopen(Reopen c, String actor, Instant at, IncidentState state) {
        String reason = text(c.reason(), "reason", "reopening an incident needs a reason", MAX_TEXT_LENGTH);
        if (state.status() != IncidentStatus.RESOLVED) {
            throw new RuleViolation(is(state) + "only a RESOLVED incident can be reopened");
        }
        notBefore(state, state.resolvedAt(), "resolved", at, "reopened");
        return List.of(new IncidentEvent.Reopened(state.id(), reason, actor, at));
    }

    private static List<IncidentEvent> close(Close c, String actor, Instant at, IncidentState state) {
        String reason = text(c.reason(), "reason", "closing an incident needs a reason", MAX_TEXT_LENGTH);
        if (c.cause() == null) {
            throw new InvalidCommand("cause", "why the incident closes is missing");
        }
        if (state.status() != IncidentStatus.RESOLVED) {
            throw new RuleViolation(is(state) + "only a RESOLVED incident can be closed");
        }
        // The review is where the organisation learns from the incident: closing before a required one is done
        // would hide it from the follow-up. Only an admin may (a duplicate, a test incident).
        if (c.openRequiredReview() != null && !c.overrideReview()) {
            throw new RuleViolation("incident " + state.number() + " has a required review (" + c.openRequiredReview()
                    + ") that is still open; it closes when the review's follow-up is complete, or an admin closes it");
        }
        notBefore(state, state.resolvedAt(), "resolved", at, "closed");
        return List.of(new IncidentEvent.Closed(state.id(), reason, c.reviewId(), c.cause(), actor, at));
    }

    private static List<IncidentEvent> recordAllAlertsResolved(RecordAllAlertsResolved c, String actor, Instant at,
                                                               IncidentState state) {
        requireNotClosed(state, "alert resolutions are no longer recorded on a closed incident");
        // Nothing to say for an incident without alerts, or twice for the same set of alerts.
        if (state.alertCount() == 0 || state.allAlertsResolvedAt() != null) {
            return List.of();
        }
        notBeforeDeclaration(state, at);
        List<IncidentEvent> events = new ArrayList<>();
        events.add(new IncidentEvent.AlertsAllResolved(state.id(), state.alertCount(), actor, at));
        if (c.resolveIncident() && state.status().open()) {
            Instant resolvedAt = state.mitigatedAt() != null && at.isBefore(state.mitigatedAt())
                    ? state.mitigatedAt()
                    : at;
            events.add(new IncidentEvent.Resolved(state.id(), ALL_ALERTS_RESOLVED, actor, resolvedAt));
        }
        return events;
    }

    private static List<IncidentEvent> detachAlert(IncidentCommand.DetachAlert c, String actor, Instant at,
                                                   IncidentState state) {
        if (c.alert() == null) {
            throw new InvalidCommand("alert", "the alert to detach is missing");
        }
        String reason = optionalText(c.reason(), "reason", MAX_TEXT_LENGTH);
        requireNotClosed(state, "alerts cannot be detached from a closed incident");
        notBeforeDeclaration(state, at);
        // Whether the alert is attached here is the alert's own stream's business (as for attaching).
        return List.of(new IncidentEvent.AlertDetached(state.id(), c.alert().alertId(), c.alert().dedupKey(),
                c.alert().summary(), reason, actor, at));
    }

    private static List<IncidentEvent> edit(IncidentCommand.Edit c, String actor, Instant at, IncidentState state) {
        String title = c.title() == null ? state.title() : text(c.title(), "title", "an incident needs a title", MAX_TITLE_LENGTH);
        String summary = c.summary() == null ? state.summary() : optionalText(c.summary(), "summary", MAX_TEXT_LENGTH);
        String service = c.service() == null ? state.service() : optionalName(c.service(), "service");
        requireNotClosed(state, "a closed incident cannot be corrected");
        List<String> changed = new ArrayList<>();
        if (!title.equals(state.title())) {
            changed.add("title");
        }
        if (!java.util.Objects.equals(summary, state.summary())) {
            changed.add("summary");
        }
        if (!java.util.Objects.equals(service, state.service())) {
            changed.add("service");
        }
        if (changed.isEmpty()) {
            return List.of();
        }
        notBeforeDeclaration(state, at);
        return List.of(new IncidentEvent.Edited(state.id(), changed, title, summary, service, actor, at));
    }

    private static List<IncidentEvent> merge(IncidentCommand.Merge c, String actor, Instant at, IncidentState state) {
        if (c.into() == null || c.intoNumber() == null) {
            throw new InvalidCommand("into", "the incident to merge into is missing");
        }
        String reason = text(c.reason(), "reason", "merging an incident needs a reason", MAX_TEXT_LENGTH);
        if (c.into().equals(state.id())) {
            throw new InvalidCommand("into", "an incident cannot be merged into itself");
        }
        requireNotClosed(state, "it cannot be merged");
        notBeforeDeclaration(state, at);
        return List.of(new IncidentEvent.Merged(state.id(), c.into(), c.intoNumber(), c.alerts(), reason, actor, at));
    }

    private static List<IncidentEvent> absorbMerged(IncidentCommand.AbsorbMerged c, String actor, Instant at,
                                                    IncidentState state) {
        if (c.from() == null || c.fromNumber() == null) {
            throw new InvalidCommand("from", "the merged incident is missing");
        }
        String reason = text(c.reason(), "reason", "merging an incident needs a reason", MAX_TEXT_LENGTH);
        requireNotClosed(state, "no incident can be merged into it");
        notBeforeDeclaration(state, at);
        return List.of(new IncidentEvent.MergedFrom(state.id(), c.from(), c.fromNumber(), c.alerts(), reason, actor, at));
    }

    // --- rules shared by the commands

    private static String is(IncidentState state) {
        return "incident " + state.number() + " is " + state.status() + "; ";
    }

    private static void requireNotClosed(IncidentState state, String consequence) {
        if (state.status().finished()) {
            throw new RuleViolation(is(state) + consequence);
        }
    }

    private static void notBeforeDeclaration(IncidentState state, Instant at) {
        if (at.isBefore(state.declaredAt())) {
            throw new RuleViolation("incident " + state.number() + " was declared at " + state.declaredAt()
                    + "; nothing else can have happened to it before that (" + at + ")");
        }
    }

    private static void notBefore(IncidentState state, Instant milestone, String milestoneName, Instant at, String what) {
        notBeforeDeclaration(state, at);
        if (milestone != null && at.isBefore(milestone)) {
            throw new RuleViolation("incident " + state.number() + " was " + milestoneName + " at " + milestone
                    + "; it cannot have been " + what + " before that (" + at + ")");
        }
    }

    private static String name(String value, String field, String what) {
        if (value == null || value.isBlank()) {
            throw new InvalidCommand(field, "the " + field + " (" + what + ") is missing");
        }
        String name = value.strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidCommand(field, "the " + field + " is at most " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    private static String optionalName(String value, String field) {
        return value == null || value.isBlank() ? null : name(value, field, field);
    }

    /** Blank is none (null). */
    private static String optionalText(String value, String field, int maxLength) {
        return value == null || value.isBlank() ? null : text(value, field, "", maxLength);
    }

    private static String text(String value, String field, String missing, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidCommand(field, missing);
        }
        String text = value.strip();
        if (text.length() > maxLength) {
            throw new InvalidCommand(field, "the " + field + " is at most " + maxLength + " characters");
        }
        return text;
    }

    private static String webAddress(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidCommand("url", "a link needs a URL");
        }
        String url = value.strip();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (url.length() <= MAX_URL_LENGTH && (scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new InvalidCommand("url", "a link needs an absolute http or https URL of at most "
                + MAX_URL_LENGTH + " characters, not " + url);
    }

    // --- evolve

    @Override
    public IncidentState evolve(IncidentState state, IncidentEvent event) {
        Draft d = new Draft(state);
        if (event instanceof IncidentEvent.Declared e) {
            d.id = e.incidentId();
            d.number = e.number();
            d.title = e.title();
            d.status = IncidentStatus.INVESTIGATING;
            d.severity = e.severity();
            d.service = e.service();
            d.source = e.source();
            d.declaredBy = e.declaredBy();
            d.commander = e.commander();
            d.declaredAt = e.declaredAt();
            d.detectedAt = e.detectedAt();
            d.groupingKey = e.groupingKey() != null ? e.groupingKey() : e.service();
        } else if (event instanceof IncidentEvent.AlertAttached e) {
            d.alertCount++;
            d.allAlertsResolvedAt = null;
            if (d.lastAlertAt == null || e.occurredAt().isAfter(d.lastAlertAt)) {
                d.lastAlertAt = e.occurredAt();
            }
        } else if (event instanceof IncidentEvent.Acknowledged e) {
            d.acknowledgedAt = e.occurredAt();
            d.acknowledgedBy = e.actor();
        } else if (event instanceof IncidentEvent.SeverityChanged e) {
            d.severity = e.to();
        } else if (event instanceof IncidentEvent.RoleAssigned e) {
            switch (e.role()) {
                case COMMANDER -> d.commander = e.person();
                case COMMUNICATIONS_LEAD -> d.communicationsLead = e.person();
                case SCRIBE -> d.scribe = e.person();
            }
        } else if (event instanceof IncidentEvent.ResponderJoined e) {
            d.responders.add(e.person());
        } else if (event instanceof IncidentEvent.NoteAdded) {
            d.notes++;
        } else if (event instanceof IncidentEvent.ImpactUpdated e) {
            d.impact = e.statement();
        } else if (event instanceof IncidentEvent.LinkAdded e) {
            d.links.add(new IncidentLink(e.url(), e.title()));
        } else if (event instanceof IncidentEvent.Mitigated e) {
            d.status = IncidentStatus.MITIGATED;
            d.mitigatedAt = e.occurredAt();
        } else if (event instanceof IncidentEvent.Resolved e) {
            d.status = IncidentStatus.RESOLVED;
            d.resolvedAt = e.occurredAt();
        } else if (event instanceof IncidentEvent.Reopened) {
            // A new response cycle: the mitigation and resolution that did not hold are history (events).
            d.status = IncidentStatus.INVESTIGATING;
            d.mitigatedAt = null;
            d.resolvedAt = null;
            d.reopenCount++;
        } else if (event instanceof IncidentEvent.Closed e) {
            d.status = IncidentStatus.CLOSED;
            d.closedAt = e.occurredAt();
            d.reviewId = e.reviewId();
        } else if (event instanceof IncidentEvent.AlertsAllResolved e) {
            d.allAlertsResolvedAt = e.occurredAt();
        } else if (event instanceof IncidentEvent.AlertDetached) {
            d.alertCount = Math.max(0, d.alertCount - 1);
        } else if (event instanceof IncidentEvent.Edited e) {
            d.title = e.title();
            d.summary = e.summary();
            if (e.changed().contains("service")) {
                d.groupingKey = e.service();
            }
            d.service = e.service();
        } else if (event instanceof IncidentEvent.Merged e) {
            d.status = IncidentStatus.MERGED;
            d.mergedInto = e.into();
            d.mergedIntoNumber = e.intoNumber();
            d.alertCount = 0;
        } else if (event instanceof IncidentEvent.MergedFrom e) {
            d.alertCount += e.alertCount();
            if (e.alertCount() > 0) {
                d.allAlertsResolvedAt = null;
            }
        } else {
            throw new IllegalArgumentException("unknown incident event " + event);
        }
        return d.build();
    }

    /** A mutable copy of the state, used only inside {@link #evolve} to keep each case short. */
    private static final class Draft {
        UUID id;
        String number;
        String title;
        IncidentStatus status;
        IncidentSeverity severity;
        String service;
        DeclarationSource source;
        String declaredBy;
        String commander;
        String communicationsLead;
        String scribe;
        final List<String> responders;
        Instant declaredAt;
        Instant detectedAt;
        Instant acknowledgedAt;
        String acknowledgedBy;
        Instant mitigatedAt;
        Instant resolvedAt;
        Instant closedAt;
        UUID reviewId;
        String impact;
        final List<IncidentLink> links;
        int alertCount;
        Instant allAlertsResolvedAt;
        int notes;
        int reopenCount;
        String summary;
        UUID mergedInto;
        String mergedIntoNumber;
        String groupingKey;
        Instant lastAlertAt;

        Draft(IncidentState s) {
            id = s.id();
            number = s.number();
            title = s.title();
            status = s.status();
            severity = s.severity();
            service = s.service();
            source = s.source();
            declaredBy = s.declaredBy();
            commander = s.commander();
            communicationsLead = s.communicationsLead();
            scribe = s.scribe();
            responders = new ArrayList<>(s.responders());
            declaredAt = s.declaredAt();
            detectedAt = s.detectedAt();
            acknowledgedAt = s.acknowledgedAt();
            acknowledgedBy = s.acknowledgedBy();
            mitigatedAt = s.mitigatedAt();
            resolvedAt = s.resolvedAt();
            closedAt = s.closedAt();
            reviewId = s.reviewId();
            impact = s.impact();
            links = new ArrayList<>(s.links());
            alertCount = s.alertCount();
            allAlertsResolvedAt = s.allAlertsResolvedAt();
            notes = s.notes();
            reopenCount = s.reopenCount();
            summary = s.summary();
            mergedInto = s.mergedInto();
            mergedIntoNumber = s.mergedIntoNumber();
            groupingKey = s.groupingKey();
            lastAlertAt = s.lastAlertAt();
        }

        IncidentState build() {
            return new IncidentState(id, number, title, status, severity, service, source, declaredBy, commander,
                    communicationsLead, scribe, responders, declaredAt, detectedAt, acknowledgedAt, acknowledgedBy,
                    mitigatedAt, resolvedAt, closedAt, reviewId, impact, links, alertCount, allAlertsResolvedAt,
                    notes, reopenCount, summary, mergedInto, mergedIntoNumber, groupingKey, lastAlertAt);
        }
    }
}
