package dev.incidentlifecycle.notifications.subscription;

import dev.incidentlifecycle.notifications.event.SubjectFacts;

/**
 * Which events of the subscribed types a subscription wants: each given value must equal the event's (its
 * subject's) service, team or severity. An event whose subject has no such value does not match a filter on it:
 * only action items have a team.
 */
public record EventFilter(String service, String team, String severity) {

    public boolean matches(SubjectFacts facts) {
        return (service == null || service.equals(facts.service()))
                && (team == null || team.equals(facts.team()))
                && (severity == null || severity.equalsIgnoreCase(facts.severity()));
    }
}
