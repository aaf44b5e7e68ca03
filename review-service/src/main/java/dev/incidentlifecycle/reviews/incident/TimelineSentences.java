package dev.incidentlifecycle.reviews.incident;

import dev.incidentlifecycle.reviews.incident.IncidentPayloads.Happened;

import java.util.Locale;

/** Who did what, in a sentence, for one timeline entry of an incident. */
final class TimelineSentences {

    private TimelineSentences() {
    }

    static String of(String type, Happened event, String actor) {
        String who = actor == null || actor.isBlank() ? "someone" : actor;
        if (event instanceof IncidentPayloads.Declared e) {
            return who + " declared " + e.number() + " (" + e.severity() + ")" + suffix(e.title());
        }
        if (event instanceof IncidentPayloads.SeverityChanged e) {
            return who + " changed the severity from " + e.from() + " to " + e.to() + suffix(e.reason());
        }
        if (event instanceof IncidentPayloads.RoleAssigned e) {
            String role = e.role() == null ? "a role" : e.role().toLowerCase(Locale.ROOT).replace('_', ' ');
            return who + " made " + e.person() + " " + role;
        }
        if (event instanceof IncidentPayloads.ResponderJoined e) {
            return e.person() + " joined the response";
        }
        if (event instanceof IncidentPayloads.NoteAdded e) {
            return who + " noted" + suffix(e.text());
        }
        if (event instanceof IncidentPayloads.ImpactUpdated e) {
            return who + " updated the impact" + suffix(e.statement());
        }
        if (event instanceof IncidentPayloads.LinkAdded e) {
            return who + " linked " + (e.title() == null || e.title().isBlank() ? e.url() : e.title() + " (" + e.url() + ")");
        }
        if (event instanceof IncidentPayloads.Edited e) {
            return who + " corrected the " + (e.changed() == null || e.changed().isEmpty() ? "incident"
                    : String.join(", ", e.changed()));
        }
        if (event instanceof IncidentPayloads.AlertAttached e) {
            return "alert attached" + suffix(e.summary());
        }
        if (event instanceof IncidentPayloads.AlertsAllResolved e) {
            return "all " + e.alertCount() + " alerts resolved";
        }
        if (event instanceof IncidentPayloads.Step e) {
            String verb = type.substring(type.indexOf('.') + 1);
            return who + " " + verb + " the incident" + suffix(e.reason());
        }
        return who + ": " + type;
    }

    private static String suffix(String text) {
        return text == null || text.isBlank() ? "" : ": " + text;
    }
}
