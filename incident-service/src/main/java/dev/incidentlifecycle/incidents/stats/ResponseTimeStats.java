package dev.incidentlifecycle.incidents.stats;

import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * MTTA / MTTM / MTTR over a period, grouped by service and by severity.
 *
 * <p>Method: for each response time, the incidents declared in the period that have it (an incident
 * not yet acknowledged has no time to acknowledge, and is left out of MTTA rather than counted as
 * zero or as "so far"). Of those values, sorted, the p-th percentile is by the nearest-rank method:
 * the value at 1-based rank {@code ceil(p / 100 × n)}. So the median (p = 50) of an even number of values
 * is the lower of the two middle ones, never an average: every figure is a time some incident really
 * took. With n = 10, p90 is the 9th value; with n = 5, the 5th.
 */
public final class ResponseTimeStats {

    /** The key under which incidents without a service are grouped. */
    public static final String NO_SERVICE = "(no service)";

    private ResponseTimeStats() {
    }

    public static ResponseTimeReport report(Collection<ResponseTimeRow> rows, ReportingPeriod period) {
        List<ResponseTimeRow> inPeriod = rows.stream()
                .filter(row -> period.includes(row.declaredAt()))
                .toList();

        Map<String, ResponseTimeFigures> byService = new TreeMap<>();
        groupBy(inPeriod, row -> row.service() == null ? NO_SERVICE : row.service())
                .forEach((service, group) -> byService.put(service, figures(group)));

        Map<IncidentSeverity, ResponseTimeFigures> bySeverity = new EnumMap<>(IncidentSeverity.class);
        groupBy(inPeriod.stream().filter(row -> row.severity() != null).toList(), ResponseTimeRow::severity)
                .forEach((severity, group) -> bySeverity.put(severity, figures(group)));

        return new ResponseTimeReport(period, figures(inPeriod),
                Collections.unmodifiableMap(byService), Collections.unmodifiableMap(bySeverity));
    }

    /** The figures of one group of incidents. */
    public static ResponseTimeFigures figures(List<ResponseTimeRow> rows) {
        return new ResponseTimeFigures(rows.size(),
                summary(rows, ResponseTimeRow::timeToAcknowledge),
                summary(rows, ResponseTimeRow::timeToMitigate),
                summary(rows, ResponseTimeRow::timeToResolve));
    }

    /**
     * The nearest-rank percentile of values sorted in ascending order: the value at 1-based rank
     * {@code ceil(percentile / 100 × n)}; null for no values.
     */
    public static Duration nearestRank(List<Duration> sorted, int percentile) {
        if (percentile < 1 || percentile > 100) {
            throw new IllegalArgumentException("a percentile is between 1 and 100, not " + percentile);
        }
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (percentile * sorted.size() + 99) / 100;
        return sorted.get(rank - 1);
    }

    private static DurationSummary summary(List<ResponseTimeRow> rows, Function<ResponseTimeRow, Duration> time) {
        List<Duration> values = new ArrayList<>(rows.stream().map(time).filter(Objects::nonNull).toList());
        if (values.isEmpty()) {
            return DurationSummary.NONE;
        }
        Collections.sort(values);
        return new DurationSummary(values.size(), nearestRank(values, 50), nearestRank(values, 90));
    }

    private static <K> Map<K, List<ResponseTimeRow>> groupBy(List<ResponseTimeRow> rows,
                                                            Function<ResponseTimeRow, K> key) {
        return rows.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
    }
}
