package dev.incidentlifecycle.eventsourcing;

/**
 * The command is well formed but the aggregate's current state does not allow it (an illegal
 * transition, say resolving a closed incident). HTTP adapters answer 409 Conflict.
 */
public class RuleViolation extends RuntimeException {

    public RuleViolation(String message) {
        super(message, null, false, false);
    }
}
