package dev.incidentlifecycle.incidents.stats.api;

import dev.incidentlifecycle.incidents.stats.DurationSummary;
import dev.incidentlifecycle.incidents.stats.ResponseTimeFigures;
import dev.incidentlifecycle.incidents.stats.ResponseTimeReport;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The response-time report in JSON: durations as ISO-8601 ({@code PT12M}) and in seconds, for people and for
 * dashboards alike.
 */
public record ResponseTimeReportView(Instant from, Instant to, Figures overall, Map<String, Figures> byService,
                                     Map<String, Figures> bySeverity) {

    public static ResponseTimeReportView of(ResponseTimeReport report) {
        Map<String, Figures> byService = new LinkedHashMap<>();
        report.byService().forEach((service, figures) -> byService.put(service, Figures.of(figures)));
        Map<String, Figures> bySeverity = new LinkedHashMap<>();
        report.bySeverity().forEach((severity, figures) -> bySeverity.put(severity.name(), Figures.of(figures)));
        return new ResponseTimeReportView(report.period().from(), report.period().to(), Figures.of(report.overall()),
                byService, bySeverity);
    }

    /** @param incidents incidents in the group; each summary counts only those that reached the milestone */
    public record Figures(int incidents, Summary mtta, Summary mttm, Summary mttr) {
        static Figures of(ResponseTimeFigures figures) {
            return new Figures(figures.incidents(), Summary.of(figures.mtta()), Summary.of(figures.mttm()),
                    Summary.of(figures.mttr()));
        }
    }

    /** @param median ISO-8601 ({@code PT12M}), null without values */
    public record Summary(int count, String median, String p90, Long medianSeconds, Long p90Seconds) {
        static Summary of(DurationSummary summary) {
            return new Summary(summary.count(), iso(summary.median()), iso(summary.p90()), seconds(summary.median()),
                    seconds(summary.p90()));
        }

        private static String iso(Duration duration) {
            return duration == null ? null : duration.toString();
        }

        private static Long seconds(Duration duration) {
            return duration == null ? null : duration.toSeconds();
        }
    }
}
