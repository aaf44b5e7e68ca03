package dev.incidentlifecycle.reviews.incident;

import dev.incidentlifecycle.reviews.policy.Severity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The payloads of {@code incident-events} that review-service reads, as incident-service publishes them. Its own
 * small records (services share no domain code): only the fields used here, and any other field is ignored, so
 * incident-service may add fields freely.
 */
final class IncidentPayloads {

    private IncidentPayloads() {
    }

    /** Every incident event names its incident, who acted and when. */
    interface Happened {
        UUID incidentId();

        String actor();

        Instant occurredAt();
    }

    record Declared(UUID incidentId, String number, String title, Severity severity, String service, String commander,
                    String declaredBy, Instant declaredAt, Instant detectedAt) implements Happened {
        @Override
        public String actor() {
            return declaredBy;
        }

        @Override
        public Instant occurredAt() {
            return declaredAt;
        }
    }

    record SeverityChanged(UUID incidentId, Severity from, Severity to, String reason, String actor,
                           Instant occurredAt) implements Happened {
    }

    /** {@code role} is COMMANDER, COMMUNICATIONS_LEAD or SCRIBE. */
    record RoleAssigned(UUID incidentId, String role, String person, String previousPerson, String actor,
                        Instant occurredAt) implements Happened {
    }

    record ResponderJoined(UUID incidentId, String person, String actor, Instant occurredAt) implements Happened {
    }

    record NoteAdded(UUID incidentId, String text, String author, Instant occurredAt) implements Happened {
        @Override
        public String actor() {
            return author;
        }
    }

    record ImpactUpdated(UUID incidentId, String statement, String actor, Instant occurredAt) implements Happened {
    }

    record LinkAdded(UUID incidentId, String url, String title, String actor, Instant occurredAt) implements Happened {
    }

    record AlertAttached(UUID incidentId, String summary, String actor, Instant occurredAt) implements Happened {
    }

    record AlertsAllResolved(UUID incidentId, int alertCount, String actor, Instant occurredAt) implements Happened {
    }

    /** acknowledged, mitigated, resolved, reopened, closed: a step with an optional reason. */
    record Step(UUID incidentId, String reason, String actor, Instant occurredAt) implements Happened {
    }

    /** A person corrected the title, summary or service: each is the value after the correction. */
    record Edited(UUID incidentId, List<String> changed, String title, String summary, String service, String actor,
                  Instant occurredAt) implements Happened {
    }

    /** The incident was merged into {@code intoNumber}: it ends there, and so does its review. */
    record Merged(UUID incidentId, String intoNumber, String reason, String actor, Instant occurredAt) implements Happened {
    }
}
