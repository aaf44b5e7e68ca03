package dev.incidentlifecycle.incidents.incident;

/** The roles of an incident response, each held by one person at a time. */
public enum IncidentRole {
    COMMANDER("commander"),
    COMMUNICATIONS_LEAD("communications lead"),
    SCRIBE("scribe");

    private final String label;

    IncidentRole(String label) {
        this.label = label;
    }

    /** How the role reads in a sentence ("communications lead"). */
    public String label() {
        return label;
    }
}
