package dev.incidentlifecycle.incidents.stats;

import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * MTTA / MTTM / MTTR over a period, grouped by service and by severity, computed by PostgreSQL in one statement
 * over the incident read model (grouping sets), so no incident row is loaded into the service.
 *
 * <p>Method: for each response time, the incidents declared in the period that have it (an incident not yet
 * acknowledged has no time to acknowledge, and is left out of MTTA rather than counted as zero or as "so far").
 * Of those values, the p-th percentile is by the nearest-rank method — {@code percentile_disc}: the value at 1-based
 * rank {@code ceil(p / 100 × n)}. So the median of an even number of values is the lower of the two middle ones,
 * never an average: every figure is a time some incident really took. With n = 10, p90 is the 9th value.
 */
@ApplicationScoped
public class ResponseTimeQuery {

    /** The key under which incidents without a service are grouped. */
    public static final String NO_SERVICE = "(no service)";

    private static final String SQL = """
            select grouping(service) as by_all_services, grouping(severity) as by_all_severities, service, severity,
                   count(*) as incidents,
                   count(time_to_acknowledge_ms) as mtta_count,
                   percentile_disc(0.5) within group (order by time_to_acknowledge_ms) as mtta_median,
                   percentile_disc(0.9) within group (order by time_to_acknowledge_ms) as mtta_p90,
                   count(time_to_mitigate_ms) as mttm_count,
                   percentile_disc(0.5) within group (order by time_to_mitigate_ms) as mttm_median,
                   percentile_disc(0.9) within group (order by time_to_mitigate_ms) as mttm_p90,
                   count(time_to_resolve_ms) as mttr_count,
                   percentile_disc(0.5) within group (order by time_to_resolve_ms) as mttr_median,
                   percentile_disc(0.9) within group (order by time_to_resolve_ms) as mttr_p90
            from incident
            where declared_at >= $1 and declared_at < $2 and ($3::text is null or service = $3)
            group by grouping sets ((), (service), (severity))""";

    private final Pool pool;

    ResponseTimeQuery(Pool pool) {
        this.pool = pool;
    }

    /** The report of the incidents declared in {@code period} (bounded), of one service or of all. */
    public Uni<ResponseTimeReport> report(ReportingPeriod period, String service) {
        return pool.preparedQuery(SQL)
                .execute(Tuple.of(period.from().atOffset(ZoneOffset.UTC), period.to().atOffset(ZoneOffset.UTC), service))
                .map(rows -> {
                    ResponseTimeFigures overall = new ResponseTimeFigures(0, DurationSummary.NONE, DurationSummary.NONE, DurationSummary.NONE);
                    Map<String, ResponseTimeFigures> byService = new TreeMap<>();
                    Map<IncidentSeverity, ResponseTimeFigures> bySeverity = new EnumMap<>(IncidentSeverity.class);
                    for (Row row : rows) {
                        boolean allServices = row.getInteger("by_all_services") == 1;
                        boolean allSeverities = row.getInteger("by_all_severities") == 1;
                        if (allServices && allSeverities) {
                            overall = figures(row);
                        } else if (allSeverities) {
                            byService.put(row.getString("service") == null ? NO_SERVICE : row.getString("service"), figures(row));
                        } else if (row.getString("severity") != null) {
                            bySeverity.put(IncidentSeverity.valueOf(row.getString("severity")), figures(row));
                        }
                    }
                    return new ResponseTimeReport(period, overall, Collections.unmodifiableMap(byService),
                            Collections.unmodifiableMap(bySeverity));
                });
    }

    private static ResponseTimeFigures figures(Row row) {
        return new ResponseTimeFigures(row.getLong("incidents").intValue(), summary(row, "mtta"), summary(row, "mttm"), summary(row, "mttr"));
    }

    private static DurationSummary summary(Row row, String time) {
        int count = row.getLong(time + "_count").intValue();
        return count == 0 ? DurationSummary.NONE
                : new DurationSummary(count, Duration.ofMillis(row.getLong(time + "_median")), Duration.ofMillis(row.getLong(time + "_p90")));
    }
}
