package dev.incidentlifecycle.incidents.stats;

import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import java.util.Map;

/**
 * Response-time figures over a period: all incidents, per service (sorted by name; incidents without a
 * service under {@link ResponseTimeQuery#NO_SERVICE}) and per severity (SEV1 first). A service or
 * severity without incidents in the period is left out.
 */
public record ResponseTimeReport(ReportingPeriod period, ResponseTimeFigures overall,
                                 Map<String, ResponseTimeFigures> byService,
                                 Map<IncidentSeverity, ResponseTimeFigures> bySeverity) {
}
