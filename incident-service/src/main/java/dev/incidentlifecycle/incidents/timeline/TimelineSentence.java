package dev.incidentlifecycle.incidents.timeline;

import dev.incidentlifecycle.incidents.change.ChangeView;
import dev.incidentlifecycle.incidents.incident.DeclarationSource;
import dev.incidentlifecycle.incidents.incident.IncidentEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The human sentence for an incident event on the timeline, e.g. "Alex acknowledged the incident" or
 * "Severity changed from SEV3 to SEV2: customers affected". People appear by the name the event carries.
 */
public final class TimelineSentence {

    private TimelineSentence() {
    }

    private static String alerts(int count) {
        return count == 1 ? "1 alert" : count + " alerts";
    }

    /** A change as context, e.g. "Change to checkout (by deploys-checkout): Deployed checkout 2.14.1". */
    public static String of(ChangeView change) {
        return "Change to " + change.service() + " (by " + change.actor() + "): " + change.summary();
    }

    public static String of(IncidentEvent event) {
        if (event instanceof IncidentEvent.Declared e) {
            String subject = e.source() == DeclarationSource.ALERT
                    ? e.number() + " was declared from an alert as " + e.severity()
                    : e.declaredBy() + " declared " + e.number() + " as " + e.severity();
            String commander = e.commander() == null ? "" : ", with " + e.commander() + " as commander";
            return subject + ": " + e.title() + commander;
        }
        if (event instanceof IncidentEvent.AlertAttached e) {
            return "Alert attached: " + (e.summary() != null ? e.summary() : e.dedupKey());
        }
        if (event instanceof IncidentEvent.Acknowledged e) {
            return e.actor() + " acknowledged the incident";
        }
        if (event instanceof IncidentEvent.SeverityChanged e) {
            return "Severity changed from " + e.from() + " to " + e.to() + ": " + e.reason();
        }
        if (event instanceof IncidentEvent.RoleAssigned e) {
            String role = e.role().label();
            String assigned = e.person().equals(e.actor())
                    ? e.person() + " took the " + role + " role"
                    : e.actor() + " made " + e.person() + " " + role;
            return e.previousPerson() == null ? assigned : assigned + ", taking over from " + e.previousPerson();
        }
        if (event instanceof IncidentEvent.ResponderJoined e) {
            return e.person().equals(e.actor())
                    ? e.person() + " joined as a responder"
                    : e.actor() + " added " + e.person() + " as a responder";
        }
        if (event instanceof IncidentEvent.NoteAdded e) {
            return e.author() + " noted: " + e.text();
        }
        if (event instanceof IncidentEvent.ImpactUpdated e) {
            return e.actor() + " described the customer impact: " + e.statement();
        }
        if (event instanceof IncidentEvent.LinkAdded e) {
            return e.title().equals(e.url())
                    ? e.actor() + " added a link: " + e.url()
                    : e.actor() + " added a link: " + e.title() + " (" + e.url() + ")";
        }
        if (event instanceof IncidentEvent.Mitigated e) {
            return e.actor() + " marked the incident as mitigated";
        }
        if (event instanceof IncidentEvent.Resolved e) {
            return e.actor() + " resolved the incident" + (e.reason() == null ? "" : ": " + e.reason());
        }
        if (event instanceof IncidentEvent.Reopened e) {
            return e.actor() + " reopened the incident: " + e.reason();
        }
        if (event instanceof IncidentEvent.Closed e) {
            return e.actor() + " closed the incident: " + e.reason();
        }
        if (event instanceof IncidentEvent.AlertsAllResolved e) {
            return e.alertCount() == 1
                    ? "The incident's alert resolved"
                    : "All " + e.alertCount() + " alerts of the incident resolved";
        }
        if (event instanceof IncidentEvent.AlertDetached e) {
            return e.actor() + " detached an alert: " + (e.summary() != null ? e.summary() : e.dedupKey())
                    + (e.reason() == null ? "" : " (" + e.reason() + ")");
        }
        if (event instanceof IncidentEvent.Edited e) {
            List<String> parts = new ArrayList<>();
            for (String field : e.changed()) {
                String value = switch (field) {
                    case "title" -> e.title();
                    case "summary" -> e.summary();
                    default -> e.service();
                };
                parts.add(value == null ? "cleared the " + field : "changed the " + field + " to \"" + value + "\"");
            }
            return e.actor() + " " + String.join(", ", parts);
        }
        if (event instanceof IncidentEvent.Merged e) {
            return e.actor() + " merged the incident into " + e.intoNumber() + ", with its " + alerts(e.alertCount())
                    + ": " + e.reason();
        }
        if (event instanceof IncidentEvent.MergedFrom e) {
            return e.actor() + " merged " + e.fromNumber() + " into this incident, with its " + alerts(e.alertCount())
                    + ": " + e.reason();
        }
        throw new IllegalArgumentException("unknown incident event " + event);
    }
}
