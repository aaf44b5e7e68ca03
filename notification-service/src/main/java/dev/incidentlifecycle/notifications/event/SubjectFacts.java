package dev.incidentlifecycle.notifications.event;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What is known of an incident, review or action item from its events so far: what filters match on (service,
 * team, severity) and what messages name (number, title, incident). Many events do not carry these themselves
 * (incident.resolved names no service; only action items have a team), so the consumer keeps them per subject.
 */
public record SubjectFacts(String service, String team, String severity, String number, String title, String incidentId) {

    public static final SubjectFacts NONE = new SubjectFacts(null, null, null, null, null, null);

    /** These facts updated by what one event says. */
    public SubjectFacts with(String type, JsonNode data) {
        String newSeverity = type.equals("incident.severity-changed") ? text(data, "to") : text(data, "severity");
        String newTeam = text(data, "ownerTeam") != null ? text(data, "ownerTeam") : text(data, "toTeam");
        String newNumber = text(data, "number") != null ? text(data, "number") : text(data, "incidentNumber");
        String newIncident = text(data, "incidentId");
        return new SubjectFacts(or(text(data, "service"), service), or(newTeam, team), or(newSeverity, severity),
                or(newNumber, number), or(text(data, "title"), title), or(newIncident, incidentId));
    }

    private static String or(String value, String otherwise) {
        return value != null ? value : otherwise;
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
    }
}
