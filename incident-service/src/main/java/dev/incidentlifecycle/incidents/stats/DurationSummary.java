package dev.incidentlifecycle.incidents.stats;

import java.time.Duration;

/**
 * Median and 90th percentile of one response time over the incidents that have it.
 *
 * @param count  how many incidents had this time (an unacknowledged incident has no time to acknowledge)
 * @param median null when count is 0
 * @param p90    null when count is 0
 */
public record DurationSummary(int count, Duration median, Duration p90) {

    public static final DurationSummary NONE = new DurationSummary(0, null, null);
}
