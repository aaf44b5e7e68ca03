package dev.incidentlifecycle.incidents.stats;

import java.time.Instant;

/**
 * The incidents counted: those declared in {@code [from, to)}. A null bound is open.
 */
public record ReportingPeriod(Instant from, Instant to) {

    public static final ReportingPeriod ALL_TIME = new ReportingPeriod(null, null);

    public ReportingPeriod {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("a period cannot end (" + to + ") before it starts (" + from + ")");
        }
    }

    public boolean includes(Instant declaredAt) {
        return declaredAt != null
                && (from == null || !declaredAt.isBefore(from))
                && (to == null || declaredAt.isBefore(to));
    }
}
