package dev.incidentlifecycle.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * When the alerts consumer has done a phase's work, seen two ways: the alert read model (incident.alert) holds
 * every occurrence sent for the phase's services, and group {@value RunningSystem#GROUP}'s committed offsets on
 * {@value RunningSystem#ALERTS} have reached the end (lag 0). The first is the work; the second is when the
 * consumer has also recorded its position in Kafka.
 */
final class Handled {

    /**
     * Times in System.nanoTime(); -1 when it did not happen before the deadline. {@code occurrencesSeen} is -1 when
     * the read model could not be read (its shape changed): then the lag alone says when the work was done.
     */
    record Outcome(long occurrencesMatchedAt, long lagZeroAt, long occurrencesSeen, long expected) {

        boolean readModelRead() {
            return occurrencesSeen >= 0;
        }

        boolean complete() {
            return readModelRead() ? occurrencesMatchedAt > 0 : lagZeroAt > 0;
        }

        /** When the work was done: all occurrences in the read model, or (read model unreadable) lag 0. */
        long doneAt() {
            return readModelRead() ? occurrencesMatchedAt : lagZeroAt;
        }
    }

    private final RunningSystem system;

    Handled(RunningSystem system) {
        this.system = system;
    }

    /** Waits (at most {@code timeout}) until {@code expected} occurrences of {@code services} are in the read model and the lag is 0. */
    Outcome await(List<String> services, long expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long matchedAt = -1;
        long lagZeroAt = -1;
        long seen = 0;
        long lastLagCheck = 0;
        try (Connection connection = system.database();
                PreparedStatement query = connection.prepareStatement(
                        "select coalesce(sum(occurrences), 0) from incident.alert where service = any(?)")) {
            query.setArray(1, connection.createArrayOf("text", services.toArray()));
            while (System.nanoTime() < deadline && ((seen >= 0 && matchedAt < 0) || lagZeroAt < 0)) {
                if (seen >= 0 && matchedAt < 0) {
                    try (ResultSet row = query.executeQuery()) {
                        row.next();
                        seen = row.getLong(1);
                    } catch (SQLException e) {
                        System.err.println("incident.alert cannot be read (" + e.getMessage() + "): going by the group's lag alone");
                        seen = -1;
                    }
                    if (seen >= expected) {
                        matchedAt = System.nanoTime();
                    }
                }
                long now = System.nanoTime();
                if (lagZeroAt < 0 && now - lastLagCheck >= 250_000_000L) {
                    lastLagCheck = now;
                    try {
                        if (system.alertsLag() <= 0) {
                            lagZeroAt = System.nanoTime();
                        }
                    } catch (Exception e) {
                        // A missed lag check is tried again on the next round.
                    }
                }
                LockSupport.parkNanos(50_000_000L);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not reach the database: " + e.getMessage(), e);
        }
        return new Outcome(matchedAt, lagZeroAt, seen, expected);
    }
}
