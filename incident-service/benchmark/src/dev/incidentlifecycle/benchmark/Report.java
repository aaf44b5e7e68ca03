package dev.incidentlifecycle.benchmark;

import java.util.ArrayList;
import java.util.List;

/** The figures of one run as a table: value, its ratio to the raw yardstick, the target and whether it is met. */
final class Report {

    private record Row(String figure, String value, String ratio, String target, String met) {
    }

    private final List<String> header = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();

    void header(String line) {
        header.add(line);
    }

    void yardstick(String figure, String value) {
        rows.add(new Row(figure, value, "(yardstick)", "", ""));
    }

    void figure(String figure, String value, String ratio, String target, Boolean met) {
        rows.add(new Row(figure, value, ratio, target, met == null ? "" : met ? "met" : "NOT met"));
    }

    void note(String text) {
        rows.add(new Row("  " + text, "", "", "", ""));
    }

    static String ratio(double value, double raw, String of) {
        return raw <= 0 ? "-" : String.format("%.1f %% of %s", 100 * value / raw, of);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        header.forEach(line -> out.append(line).append('\n'));
        String format = "%-78s %14s  %-26s %-11s %s%n";
        out.append(String.format(format, "figure", "value", "ratio", "target", ""));
        for (Row row : rows) {
            if (row.value().isEmpty() && row.ratio().isEmpty()) {
                out.append(row.figure()).append('\n');
            } else {
                out.append(String.format(format, row.figure(), row.value(), row.ratio(), row.target(), row.met()));
            }
        }
        return out.toString();
    }
}
