package dev.incidentlifecycle.systemtest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Rows of faults and hostile inputs, each with what the system must do and what it did. Every row is run and
 * printed as {@code fault | expected | observed}; {@link #mismatches()} lists those whose observation differs.
 */
final class FaultMatrix {

    private static final String FORMAT = "%-86s | %-40s | %s%n";

    private record Row(String fault, String expected, String observed) {
        boolean matches() {
            return expected.equals(observed);
        }

        String line() {
            return String.format(FORMAT, fault, expected, observed);
        }
    }

    private final List<Row> rows = new ArrayList<>();

    /** Runs one row: {@code observe} causes the fault and describes the outcome in the words of {@code expected}. */
    void row(String fault, String expected, Callable<String> observe) {
        String observed;
        try {
            observed = observe.call();
        } catch (Exception | AssertionError e) {
            observed = "failed: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
        }
        Row row = new Row(fault, expected, observed);
        rows.add(row);
        System.out.print((row.matches() ? "" : "MISMATCH ") + row.line());
    }

    String table() {
        StringBuilder table = new StringBuilder(String.format(FORMAT, "fault or hostile input", "expected", "observed"));
        table.append("-".repeat(160)).append('\n');
        rows.forEach(row -> table.append(row.line()));
        return table.toString();
    }

    List<String> mismatches() {
        return rows.stream().filter(row -> !row.matches()).map(row -> row.line().trim()).toList();
    }

    int size() {
        return rows.size();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
