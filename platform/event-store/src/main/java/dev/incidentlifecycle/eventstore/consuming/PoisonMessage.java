package dev.incidentlifecycle.eventstore.consuming;

/**
 * A message that can never be handled, however often it is retried: not JSON, a schema violation, an
 * unknown version. It goes to the dead-letter topic with this message as its reason.
 */
public class PoisonMessage extends RuntimeException {

    public PoisonMessage(String reason) {
        super(reason, null, false, false);
    }

    public PoisonMessage(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
