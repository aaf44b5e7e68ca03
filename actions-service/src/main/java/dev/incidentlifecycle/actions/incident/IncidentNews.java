package dev.incidentlifecycle.actions.incident;

import dev.incidentlifecycle.actions.actionitem.Severity;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.actions.incident.IncidentMention.require;

/**
 * What one incident event tells about the incident, for the copy of known incidents: who it is (declared), its
 * title and service (edited), severity (re-rated) and status. The consumer and the replay of {@code incident-events}
 * read events into news and apply it the same way, so a replay rebuilds what the consumer built.
 */
sealed interface IncidentNews {

    String DECLARED = "incident.declared";
    String EDITED = "incident.edited";
    String SEVERITY_CHANGED = "incident.severity-changed";
    /** The event types that move an incident's status, and the status each leaves it in. */
    Map<String, IncidentStatus> STATUS_AFTER = Map.of(
            "incident.mitigated", IncidentStatus.MITIGATED,
            "incident.resolved", IncidentStatus.RESOLVED,
            "incident.reopened", IncidentStatus.INVESTIGATING,
            "incident.closed", IncidentStatus.CLOSED,
            "incident.merged", IncidentStatus.MERGED);

    UUID incidentId();

    /**
     * The incident after this news.
     *
     * @param current the incident so far, or null when it is not known yet
     * @param at      when the event happened (its CloudEvent time)
     * @return the incident, or null when the news is about an incident that stays unknown
     */
    KnownIncident applyTo(KnownIncident current, Instant at);

    /**
     * The news of a message, version 1, or null when its type tells the copy nothing (alerts, notes, roles, ...). A
     * message without what its type must carry is poison: the consumer dead-letters it, a replay skips it.
     */
    static IncidentNews read(IncomingMessage message) {
        String type = message.type();
        if (!DECLARED.equals(type) && !EDITED.equals(type) && !SEVERITY_CHANGED.equals(type)
                && !STATUS_AFTER.containsKey(type)) {
            return null;
        }
        message.requireDataVersionUpTo(1);
        IncidentMention mention = message.as(IncidentMention.class);
        UUID incidentId = mention.requireIncidentId(type);
        if (DECLARED.equals(type)) {
            return new Declared(incidentId, require(mention.number(), type, "number"), require(mention.title(), type, "title"),
                    mention.service(), require(mention.severity(), type, "severity"));
        }
        if (EDITED.equals(type)) {
            return new Edited(incidentId, require(mention.title(), type, "title"), mention.service());
        }
        if (SEVERITY_CHANGED.equals(type)) {
            return new Rerated(incidentId, require(mention.to(), type, "to"));
        }
        return new StatusChanged(incidentId, STATUS_AFTER.get(type));
    }

    /** Declared: remembered with everything the copy keeps (again: brought up to date, status as declared). */
    record Declared(UUID incidentId, String number, String title, String service, Severity severity) implements IncidentNews {
        @Override
        public KnownIncident applyTo(KnownIncident current, Instant at) {
            return new KnownIncident(incidentId, number, title, service, severity, IncidentStatus.INVESTIGATING, at);
        }
    }

    /** Its title and service corrected. */
    record Edited(UUID incidentId, String title, String service) implements IncidentNews {
        @Override
        public KnownIncident applyTo(KnownIncident current, Instant at) {
            return current == null ? null : current.withTitleAndService(title, service, at);
        }
    }

    /** Re-rated: items created by hand for it from then on take the new severity's SLA. */
    record Rerated(UUID incidentId, Severity severity) implements IncidentNews {
        @Override
        public KnownIncident applyTo(KnownIncident current, Instant at) {
            return current == null ? null : current.withSeverity(severity, at);
        }
    }

    /** Mitigated, resolved, reopened, closed or merged. */
    record StatusChanged(UUID incidentId, IncidentStatus status) implements IncidentNews {
        @Override
        public KnownIncident applyTo(KnownIncident current, Instant at) {
            return current == null ? null : current.withStatus(status, at);
        }
    }
}
