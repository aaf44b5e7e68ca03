package dev.incidentlifecycle.incidents.incident;

import java.time.Instant;
import java.util.UUID;

/**
 * What people (and the alert-to-incident process) ask of an incident. Every command says who
 * ({@code actor}), when it happened ({@code occurredAt}, null meaning "as it is recorded"; a person may
 * back-date it) and when the system learned it ({@code recordedAt}, from the adapter's clock, never
 * back-dated).
 *
 * <p>Time rules, the same for every command: {@code occurredAt} after {@code recordedAt} is an
 * {@code InvalidCommand}; except for notes, {@code occurredAt} before the declaration is a
 * {@code RuleViolation}, and so is a resolution before the mitigation, or a reopening or closing before
 * the resolution.
 */
public sealed interface IncidentCommand {

    String actor();

    /** When it happened, as the actor says; null means {@link #recordedAt()}. */
    Instant occurredAt();

    Instant recordedAt();

    /** {@code occurredAt}, or {@code recordedAt} when no time was given. */
    default Instant happenedAt() {
        return occurredAt() != null ? occurredAt() : recordedAt();
    }

    /**
     * Declare a new incident (the first command of a stream).
     *
     * @param number     its human number, {@code INC-<n>}, assigned by the adapter (see {@link Incident#number})
     * @param service    the affected service, or null when unknown
     * @param commander  the first commander, or null
     * @param detectedAt when the problem was first detected; null means the alert's start for an alert
     *                   declaration, else the declaration time
     * @param alert      the alert it is declared from (source ALERT, and the alert is attached), or null
     *                   (source MANUAL)
     * @param groupingKey the alert's grouping key, or null: the service
     */
    record Declare(UUID incidentId, String number, String title, IncidentSeverity severity, String service,
                   String commander, Instant detectedAt, AlertReference alert, String groupingKey,
                   String actor, Instant occurredAt, Instant recordedAt) implements IncidentCommand {

        public Declare(UUID incidentId, String number, String title, IncidentSeverity severity, String service,
                       String commander, Instant detectedAt, AlertReference alert,
                       String actor, Instant occurredAt, Instant recordedAt) {
            this(incidentId, number, title, severity, service, commander, detectedAt, alert, null, actor, occurredAt, recordedAt);
        }
    }

    record AttachAlert(AlertReference alert, String actor, Instant occurredAt, Instant recordedAt)
            implements IncidentCommand {
    }

    record Acknowledge(String actor, Instant occurredAt, Instant recordedAt) implements IncidentCommand {
    }

    /** @param reason why: required */
    record ChangeSeverity(IncidentSeverity to, String reason, String actor, Instant occurredAt, Instant recordedAt)
            implements IncidentCommand {
    }

    record AssignRole(IncidentRole role, String person, String actor, Instant occurredAt, Instant recordedAt)
            implements IncidentCommand {
    }

    /** @param person who joins; the actor is who added them (often the same person) */
    record JoinAsResponder(String person, String actor, Instant occurredAt, Instant recordedAt)
            implements IncidentCommand {
    }

    /** @param actor the note's author */
    record AddNote(UUID noteId, String text, String actor, Instant occurredAt, Instant recordedAt)
            implements IncidentCommand {
    }

    /** Set or replace the customer-impact statement. */
    record UpdateImpact(String statement, String actor, Instant occurredAt, Instant recordedAt)
            implements IncidentCommand {
    }

    /** @param title optional; the URL stands for it when absent */
    record AddLink(String url, String title, String actor, Instant occurredAt, Instant recordedAt)
            implements IncidentCommand {
    }

    record Mitigate(String actor, Instant occurredAt, Instant recordedAt) implements IncidentCommand {
    }

    /** @param reason optional */
    record Resolve(String reason, String actor, Instant occurredAt, Instant recordedAt) implements IncidentCommand {
    }

    /** @param reason why: required */
    record Reopen(String reason, String actor, Instant occurredAt, Instant recordedAt) implements IncidentCommand {
    }

    /**
     * Close a resolved incident: its review's follow-up is complete, its review was declined or cancelled, it
     * needs none, or a person closes it.
     *
     * @param reason             why: required
     * @param reviewId           the review it closes after, or null
     * @param cause              which of those it is
     * @param openRequiredReview a REQUIRED review of the incident that is still open, or null: closing by hand is
     *                           then refused unless {@code overrideReview}
     * @param overrideReview     whether the actor may close over an open required review (an admin)
     */
    record Close(String reason, UUID reviewId, ClosingCause cause, UUID openRequiredReview, boolean overrideReview,
                 String actor, Instant occurredAt, Instant recordedAt) implements IncidentCommand {

        /** A close that no open review can stop (the review itself says it is over). */
        public static Close after(ClosingCause cause, String reason, UUID reviewId, String actor, Instant recordedAt) {
            return new Close(reason, reviewId, cause, null, false, actor, null, recordedAt);
        }
    }

    /**
     * Every alert attached to the incident has resolved: a timeline entry, and also the incident's
     * resolution when the declaration policy says so ({@code autoResolveWhenAlertsResolved}).
     *
     * @param resolveIncident whether to resolve the incident too (only done if it is still open)
     */
    record RecordAllAlertsResolved(boolean resolveIncident, String actor, Instant occurredAt, Instant recordedAt)
            implements IncidentCommand {
    }

    /**
     * Detach an alert attached by mistake: it leaves the incident (the alert itself stays, unattached).
     *
     * @param reason optional
     */
    record DetachAlert(AlertReference alert, String reason, String actor, Instant occurredAt, Instant recordedAt)
            implements IncidentCommand {
    }

    /**
     * Correct the title, summary or service. Each is changed only when given: {@code null} leaves it as it is; a
     * blank summary or service clears it (the title cannot be cleared).
     */
    record Edit(String title, String summary, String service, String actor, Instant occurredAt, Instant recordedAt)
            implements IncidentCommand {
    }

    /**
     * Merge this incident into another one (a duplicate of one outage): it ends MERGED.
     *
     * @param into       the surviving incident
     * @param intoNumber its number
     * @param alerts     how many alerts move to it
     */
    record Merge(UUID into, String intoNumber, String reason, int alerts, String actor, Instant occurredAt,
                 Instant recordedAt) implements IncidentCommand {
    }

    /**
     * The surviving incident's side of a merge: another incident's alerts join it.
     *
     * @param from       the merged incident
     * @param fromNumber its number
     * @param alerts     how many alerts join
     */
    record AbsorbMerged(UUID from, String fromNumber, String reason, int alerts, String actor, Instant occurredAt,
                        Instant recordedAt) implements IncidentCommand {
    }
}
