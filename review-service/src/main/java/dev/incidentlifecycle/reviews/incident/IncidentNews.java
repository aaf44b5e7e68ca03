package dev.incidentlifecycle.reviews.incident;

import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;
import dev.incidentlifecycle.reviews.incident.IncidentPayloads.Declared;
import dev.incidentlifecycle.reviews.incident.IncidentPayloads.Happened;
import dev.incidentlifecycle.reviews.incident.IncidentPayloads.ImpactUpdated;
import dev.incidentlifecycle.reviews.incident.IncidentPayloads.ResponderJoined;
import dev.incidentlifecycle.reviews.incident.IncidentPayloads.RoleAssigned;
import dev.incidentlifecycle.reviews.incident.IncidentPayloads.SeverityChanged;
import dev.incidentlifecycle.reviews.incident.IncidentPayloads.Step;
import dev.incidentlifecycle.reviews.review.readmodel.ReadModelJson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one incident event tells review-service's copy of incidents: the incident's row as it changes, and one entry
 * of its timeline. Plain code of the message alone (no database, no clock), so that the consumer ({@link IncidentEvents})
 * and the replay of {@code incident-events} ({@link IncidentCopies}) build the same rows.
 */
final class IncidentNews {

    /** Search reads this many characters of an incident's notes, the oldest first; later notes stay on its timeline. */
    static final int NOTES_SEARCHED = 50_000;

    /** The incident events this service reads, and the shape it reads each as. */
    static final Map<String, Class<? extends Happened>> SHAPES = Map.ofEntries(
            Map.entry("incident.declared", Declared.class),
            Map.entry("incident.alert-attached", IncidentPayloads.AlertAttached.class),
            Map.entry("incident.acknowledged", Step.class),
            Map.entry("incident.severity-changed", SeverityChanged.class),
            Map.entry("incident.role-assigned", RoleAssigned.class),
            Map.entry("incident.responder-joined", ResponderJoined.class),
            Map.entry("incident.note-added", IncidentPayloads.NoteAdded.class),
            Map.entry("incident.edited", IncidentPayloads.Edited.class),
            Map.entry("incident.impact-updated", ImpactUpdated.class),
            Map.entry("incident.link-added", IncidentPayloads.LinkAdded.class),
            Map.entry("incident.mitigated", Step.class),
            Map.entry("incident.resolved", Step.class),
            Map.entry("incident.reopened", Step.class),
            Map.entry("incident.closed", Step.class),
            Map.entry("incident.alerts-all-resolved", IncidentPayloads.AlertsAllResolved.class),
            Map.entry("incident.merged", IncidentPayloads.Merged.class));

    private final IncomingMessage message;
    private final Happened event;

    private IncidentNews(IncomingMessage message, Happened event) {
        this.message = message;
        this.event = event;
    }

    /**
     * The news of a message, or null for an event type this service does not read. What no retry can fix (no
     * CloudEvent type, a payload of the wrong shape, a missing id) is poison: the message goes to the dead-letter topic.
     */
    static IncidentNews read(IncomingMessage message) {
        if (message.type() == null) {
            throw new PoisonMessage("incident-events carries CloudEvents; this record has no ce_type");
        }
        Class<? extends Happened> shape = SHAPES.get(message.type());
        if (shape == null) {
            return null;
        }
        Happened event = message.as(shape);
        if (event.incidentId() == null) {
            throw new PoisonMessage(message.type() + " without an incidentId");
        }
        if (event instanceof Declared declared && (declared.number() == null || declared.severity() == null)) {
            throw new PoisonMessage("incident.declared without a number or severity");
        }
        if (event instanceof SeverityChanged changed && changed.to() == null) {
            throw new PoisonMessage("incident.severity-changed without the new severity ('to')");
        }
        return new IncidentNews(message, event);
    }

    String type() {
        return message.type();
    }

    Happened event() {
        return event;
    }

    UUID incidentId() {
        return event.incidentId();
    }

    /** When it happened, as the event or its CloudEvent tells; null when neither does. */
    Instant occurredAt() {
        return event.occurredAt() != null ? event.occurredAt() : message.time();
    }

    /**
     * The incident's row changed by this event: {@code current} itself (a managed entity stays managed), or a new row
     * when it is null. Its times are the event's; {@code otherwise} stands in where the event tells none.
     */
    IncidentRow applyTo(IncidentRow current, Instant otherwise) {
        IncidentRow incident = current != null ? current : newIncident(event.incidentId());
        change(incident, at(otherwise));
        incident.updatedAt = message.time() != null ? message.time() : otherwise;
        return incident;
    }

    /** Its entry on the incident's timeline: who did what and when. */
    TimelineEntryRow entry(Instant otherwise) {
        TimelineEntryRow entry = new TimelineEntryRow();
        entry.entryId = message.id();
        entry.incidentId = event.incidentId();
        entry.type = message.type();
        entry.actor = event.actor() != null ? event.actor() : message.actor();
        entry.occurredAt = at(otherwise);
        entry.summary = TimelineSentences.of(message.type(), event, entry.actor);
        return entry;
    }

    private Instant at(Instant otherwise) {
        Instant at = occurredAt();
        return at != null ? at : otherwise;
    }

    private static IncidentRow newIncident(UUID id) {
        IncidentRow incident = new IncidentRow();
        incident.id = id;
        incident.status = "OPEN";
        incident.responders = "[]";
        incident.notes = "";
        return incident;
    }

    private void change(IncidentRow incident, Instant at) {
        switch (message.type()) {
            case "incident.declared" -> {
                Declared declared = (Declared) event;
                incident.number = declared.number();
                incident.title = declared.title();
                incident.severity = declared.severity();
                incident.service = declared.service();
                incident.declaredAt = at;
                incident.detectedAt = declared.detectedAt();
                if (declared.commander() != null && !declared.commander().isBlank()) {
                    incident.commander = declared.commander().strip();
                }
            }
            case "incident.severity-changed" -> incident.severity = ((SeverityChanged) event).to();
            case "incident.role-assigned" -> {
                RoleAssigned assigned = (RoleAssigned) event;
                if ("COMMANDER".equalsIgnoreCase(assigned.role())) {
                    // A former commander was in the incident as much as a responder: they never facilitate it.
                    if (incident.commander != null && !incident.commander.equalsIgnoreCase(assigned.person())) {
                        addResponder(incident, incident.commander);
                    }
                    incident.commander = assigned.person();
                } else {
                    addResponder(incident, assigned.person());
                }
            }
            case "incident.responder-joined" -> addResponder(incident, ((ResponderJoined) event).person());
            case "incident.impact-updated" -> incident.impact = ((ImpactUpdated) event).statement();
            case "incident.edited" -> {
                IncidentPayloads.Edited edited = (IncidentPayloads.Edited) event;
                if (edited.title() != null && !edited.title().isBlank()) {
                    incident.title = edited.title();
                }
                incident.summary = edited.summary();
                incident.service = edited.service();
            }
            case "incident.note-added" -> incident.notes = withNote(incident.notes, ((IncidentPayloads.NoteAdded) event).text());
            case "incident.acknowledged" -> incident.status = "ACKNOWLEDGED";
            case "incident.mitigated" -> incident.status = "MITIGATED";
            case "incident.resolved" -> {
                incident.status = "RESOLVED";
                incident.resolvedAt = at;
            }
            case "incident.reopened" -> incident.status = "OPEN";
            case "incident.closed" -> {
                incident.status = "CLOSED";
                incident.closedAt = at;
            }
            // Final: a merged incident is never resolved again, so it is never reviewed; its survivor is.
            case "incident.merged" -> incident.status = "MERGED";
            default -> {
                // alerts and links only add to the timeline
            }
        }
    }

    /** The notes with one more line, cut at {@link #NOTES_SEARCHED} characters. */
    static String withNote(String notes, String text) {
        String before = notes == null ? "" : notes;
        if (text == null || text.isBlank() || before.length() >= NOTES_SEARCHED) {
            return before;
        }
        String next = before.isEmpty() ? text.strip() : before + "\n" + text.strip();
        return next.length() <= NOTES_SEARCHED ? next : next.substring(0, NOTES_SEARCHED);
    }

    private static void addResponder(IncidentRow incident, String person) {
        if (person == null || person.isBlank()) {
            return;
        }
        List<String> responders = new ArrayList<>(ReadModelJson.read(incident.responders, ReadModelJson.PEOPLE));
        if (responders.stream().noneMatch(known -> known.equalsIgnoreCase(person.strip()))) {
            responders.add(person.strip());
            incident.responders = ReadModelJson.write(responders);
        }
    }
}
