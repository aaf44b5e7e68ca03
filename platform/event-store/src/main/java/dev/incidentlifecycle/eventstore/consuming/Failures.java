package dev.incidentlifecycle.eventstore.consuming;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventsourcing.RuleViolation;
import dev.incidentlifecycle.eventstore.ConcurrencyConflict;
import io.vertx.pgclient.PgException;

/**
 * What a failure says about the record that caused it, judged by what the failure is, not by its Java class
 * alone:
 * <ul>
 *   <li>{@link Kind#REFUSED}: a valid message the domain refuses in its current state ({@link RuleViolation});</li>
 *   <li>{@link Kind#POISON}: the record will fail the same way every time — it fails validation
 *       ({@link PoisonMessage}, {@link InvalidCommand}), or the database refuses its values (SQLSTATE class 22
 *       data exception, 23 integrity violation other than the event log's optimistic-concurrency constraint, 54
 *       program limit exceeded), or the code meets a value it cannot take (a null, a wrong type, an overflow);</li>
 *   <li>{@link Kind#TRANSIENT}: anything that can heal by itself — a lost connection, a timeout, a
 *       serialization failure or deadlock, an optimistic-concurrency conflict, and any failure with no SQLSTATE
 *       that is not one of the above. Retried, never dead-lettered.</li>
 * </ul>
 */
public final class Failures {

    public enum Kind { REFUSED, POISON, TRANSIENT }

    private Failures() {
    }

    public static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RuleViolation) {
                return Kind.REFUSED;
            }
            if (t instanceof PoisonMessage || t instanceof InvalidCommand) {
                return Kind.POISON;
            }
            if (t instanceof ConcurrencyConflict) {
                return Kind.TRANSIENT;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                return bySqlState(pg.getSqlState(), pg.getConstraint());
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return bySqlState(sql.getSQLState(), null);
            }
            if (t == t.getCause()) {
                break;
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return isProgrammingError(failure) || isProgrammingError(root) ? Kind.POISON : Kind.TRANSIENT;
    }

    static Kind bySqlState(String sqlState, String constraint) {
        if ("event_log_stream_version".equals(constraint)) {
            return Kind.TRANSIENT;
        }
        return switch (sqlState.substring(0, 2)) {
            case "22", "23", "54" -> Kind.POISON;
            default -> Kind.TRANSIENT;
        };
    }

    private static boolean isProgrammingError(Throwable t) {
        return t instanceof NullPointerException || t instanceof ClassCastException
                || t instanceof IllegalArgumentException || t instanceof ArithmeticException
                || t instanceof IndexOutOfBoundsException || t instanceof java.time.DateTimeException
                || t instanceof com.fasterxml.jackson.core.JsonProcessingException;
    }

    /** The reason a dead letter carries: the failure's own message, with its kind when that says more. */
    public static String reason(Throwable failure) {
        if (failure instanceof PoisonMessage || failure instanceof InvalidCommand) {
            return failure.getMessage();
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return "the database refuses it (SQLSTATE " + pg.getSqlState() + "): " + pg.getErrorMessage();
            }
            if (t == t.getCause()) {
                break;
            }
        }
        return "cannot be handled: " + failure;
    }
}
