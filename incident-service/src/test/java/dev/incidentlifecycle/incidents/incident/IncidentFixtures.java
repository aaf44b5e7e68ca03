package dev.incidentlifecycle.incidents.incident;

import dev.incidentlifecycle.incidents.Scenario;
import dev.incidentlifecycle.incidents.incident.IncidentEvent.Declared;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One incident, INC-7, declared by hand at 10:00, detected at 09:55, and the events of its life. */
final class IncidentFixtures {

    static final UUID ID = UUID.fromString("7a1e0000-0000-4000-8000-000000000007");
    static final Instant DETECTED = Instant.parse("2026-03-02T09:55:00Z");
    static final Instant DECLARED = Instant.parse("2026-03-02T10:00:00Z");

    private IncidentFixtures() {
    }

    static Instant at(int minutesAfterDeclaration) {
        return DECLARED.plus(Duration.ofMinutes(minutesAfterDeclaration));
    }

    static Scenario<IncidentCommand, IncidentState, IncidentEvent> incident() {
        return Scenario.of(new Incident());
    }

    static Declared declared() {
        return new Declared(ID, "INC-7", "Checkout failing", IncidentSeverity.SEV3, "checkout", null, "alex",
                DECLARED, DETECTED, DeclarationSource.MANUAL);
    }

    static IncidentEvent acknowledged(int minute) {
        return new IncidentEvent.Acknowledged(ID, "sam", at(minute));
    }

    static IncidentEvent mitigated(int minute) {
        return new IncidentEvent.Mitigated(ID, "sam", at(minute));
    }

    static IncidentEvent resolved(int minute) {
        return new IncidentEvent.Resolved(ID, null, "sam", at(minute));
    }

    static IncidentEvent reopened(int minute) {
        return new IncidentEvent.Reopened(ID, "errors are back", "sam", at(minute));
    }

    static IncidentEvent closed(int minute) {
        return new IncidentEvent.Closed(ID, "review follow-up complete", null, ClosingCause.FOLLOW_UP_COMPLETED, "kim", at(minute));
    }

    /** The incident brought to a status by the usual path. */
    static IncidentEvent[] historyOf(IncidentStatus status) {
        return switch (status) {
            case INVESTIGATING -> new IncidentEvent[] {declared()};
            case MITIGATED -> new IncidentEvent[] {declared(), mitigated(20)};
            case RESOLVED -> new IncidentEvent[] {declared(), mitigated(20), resolved(40)};
            case CLOSED -> new IncidentEvent[] {declared(), mitigated(20), resolved(40), closed(600)};
            case MERGED -> new IncidentEvent[] {declared(), new IncidentEvent.Merged(ID, UUID.fromString("7a1e0000-0000-4000-8000-000000000008"), "INC-8", 0, "duplicate", "sam", at(30))};
        };
    }
}
