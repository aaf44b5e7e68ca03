package dev.incidentlifecycle.reviews.incident;

import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.eventstore.UnitOfWork;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;
import dev.incidentlifecycle.eventstore.consuming.MessageHandler;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import dev.incidentlifecycle.reviews.incident.IncidentPayloads.Declared;
import dev.incidentlifecycle.reviews.incident.IncidentPayloads.Happened;
import dev.incidentlifecycle.reviews.incident.IncidentPayloads.ImpactUpdated;
import dev.incidentlifecycle.reviews.incident.IncidentPayloads.ResponderJoined;
import dev.incidentlifecycle.reviews.incident.IncidentPayloads.RoleAssigned;
import dev.incidentlifecycle.reviews.incident.IncidentPayloads.SeverityChanged;
import dev.incidentlifecycle.reviews.incident.IncidentPayloads.Step;
import dev.incidentlifecycle.reviews.review.readmodel.ReadModelJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Consumes {@code incident-events}: keeps the incidents read model and timeline, and on resolution, reopening,
 * severity change and merge lets {@link ReviewScheduling} act on the review, all in one transaction with the message's
 * inbox entry. Event types it does not read are skipped.
 */
@ApplicationScoped
public class IncidentEvents implements MessageHandler {

    /** Search reads this many characters of an incident's notes, the oldest first; later notes stay on its timeline. */
    public static final int NOTES_SEARCHED = 50_000;

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

    private final EventStore store;
    private final ReviewScheduling scheduling;

    IncidentEvents(EventStore store, ReviewScheduling scheduling) {
        this.store = store;
        this.scheduling = scheduling;
    }

    @Override
    public Subscription subscription() {
        return Subscription.configured("incident-events");
    }

    @Override
    public Uni<Void> handle(IncomingMessage message, InBatch batch) {
        if (message.type() == null) {
            throw new PoisonMessage("incident-events carries CloudEvents; this record has no ce_type");
        }
        Class<? extends Happened> shape = SHAPES.get(message.type());
        if (shape == null) {
            return Uni.createFrom().voidItem();
        }
        Happened event = message.as(shape);
        validate(message.type(), event);
        Instant occurredAt = event.occurredAt() != null ? event.occurredAt() : message.time();
        String correlation = message.correlationId() != null ? message.correlationId() : message.id();
        CommandContext context = CommandContext.by(ReviewScheduling.ACTOR)
                .correlatedWith(correlation, message.id());
        if (occurredAt != null) {
            context = context.occurredAt(occurredAt);
        }
        return batch.transact(context, work -> apply(work, message, event)).replaceWithVoid();
    }

    /** What no retry can fix: the message goes to the dead-letter topic. */
    private static void validate(String type, Happened event) {
        if (event.incidentId() == null) {
            throw new PoisonMessage(type + " without an incidentId");
        }
        if (event instanceof Declared declared && (declared.number() == null || declared.severity() == null)) {
            throw new PoisonMessage("incident.declared without a number or severity");
        }
        if (event instanceof SeverityChanged changed && changed.to() == null) {
            throw new PoisonMessage("incident.severity-changed without the new severity ('to')");
        }
    }

    private Uni<Void> apply(UnitOfWork work, IncomingMessage message, Happened event) {
        var session = work.session();
        return session.find(IncidentRow.class, event.incidentId()).flatMap(found -> {
            IncidentRow incident = found != null ? found : newIncident(event);
            Instant at = work.occurredAt();
            String type = message.type();
            change(incident, type, event, at);
            incident.updatedAt = work.recordedAt();
            TimelineEntryRow entry = new TimelineEntryRow();
            entry.entryId = message.id();
            entry.incidentId = incident.id;
            entry.type = type;
            entry.actor = event.actor() != null ? event.actor() : message.actor();
            entry.occurredAt = at;
            entry.summary = TimelineSentences.of(type, event, entry.actor);
            Uni<Void> stored = found == null ? session.persist(incident) : Uni.createFrom().voidItem();
            return stored
                    .flatMap(v -> session.persist(entry))
                    .flatMap(v -> react(work, type, incident, event));
        });
    }

    private Uni<Void> react(UnitOfWork work, String type, IncidentRow incident, Happened event) {
        return switch (type) {
            case "incident.resolved" -> scheduling.resolved(work, incident);
            case "incident.reopened" -> scheduling.reopened(work, incident, ((Step) event).reason());
            case "incident.severity-changed" -> scheduling.severityChanged(work, incident);
            case "incident.merged" -> scheduling.merged(work, incident, (IncidentPayloads.Merged) event);
            default -> Uni.createFrom().voidItem();
        };
    }

    private static IncidentRow newIncident(Happened event) {
        IncidentRow incident = new IncidentRow();
        incident.id = event.incidentId();
        incident.status = "OPEN";
        incident.responders = "[]";
        incident.notes = "";
        return incident;
    }

    private static void change(IncidentRow incident, String type, Happened event, Instant at) {
        switch (type) {
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
