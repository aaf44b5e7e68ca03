package dev.incidentlifecycle.incidents.incident;

/** A link added to an incident (a dashboard, a chat channel, a status page). */
public record IncidentLink(String url, String title) {
}
