package dev.incidentlifecycle.eventsourcing;

/**
 * The command is wrong whatever the state (a missing reason, a due date in the past). HTTP adapters
 * answer 400 Bad Request.
 */
public class InvalidCommand extends RuntimeException {

    private final String field;

    public InvalidCommand(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The command field at fault, or null when the fault is not one field's. */
    public String field() {
        return field;
    }
}
