package dev.incidentlifecycle.incidents.stats;

/**
 * MTTA, MTTM and MTTR of a group of incidents (as medians and 90th percentiles, see
 * {@link ResponseTimeQuery}).
 *
 * @param incidents how many incidents are in the group
 */
public record ResponseTimeFigures(int incidents, DurationSummary mtta, DurationSummary mttm, DurationSummary mttr) {
}
