package dev.incidentlifecycle.actions.sla;

import dev.incidentlifecycle.actions.actionitem.ActionItemType;
import dev.incidentlifecycle.actions.actionitem.Severity;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How many calendar days an action item gets when its review gives no due date, by the severity of
 * the incident and the type of the item, counted from the date the review was published in {@code zone}.
 *
 * <p>Defaults ({@link #defaults()}):
 * <pre>
 *   severity   PREVENT, DETECT   MITIGATE, PROCESS, LEARN
 *   SEV1            30                  60
 *   SEV2            45                  90
 *   SEV3            90                  90
 *   SEV4            90                  90
 *   zone: UTC
 * </pre>
 * Prevent and detect items are the ones that stop the same incident from recurring, or from recurring
 * unseen, so after a severe incident they get the shorter time. Mitigation, process and learning items
 * matter as much but usually need longer work (runbooks, training, cross-team changes). For SEV3 and
 * SEV4 a quarter is enough for everything. Calendar days, not business days: at these distances a
 * holiday calendar adds no precision worth its configuration.
 */
public record SlaTerms(Days sev1, Days sev2, Days sev3, Days sev4, ZoneId zone) {

    public SlaTerms {
        Objects.requireNonNull(sev1, "sev1");
        Objects.requireNonNull(sev2, "sev2");
        Objects.requireNonNull(sev3, "sev3");
        Objects.requireNonNull(sev4, "sev4");
        Objects.requireNonNull(zone, "zone");
    }

    public static SlaTerms defaults() {
        return new SlaTerms(new Days(30, 60), new Days(45, 90), new Days(90, 90), new Days(90, 90), ZoneOffset.UTC);
    }

    /** The days an item of this type gets after an incident of this severity. */
    public int daysFor(ActionItemType type, Severity severity) {
        Days days = switch (severity) {
            case SEV1 -> sev1;
            case SEV2 -> sev2;
            case SEV3 -> sev3;
            case SEV4 -> sev4;
        };
        return type == ActionItemType.PREVENT || type == ActionItemType.DETECT ? days.preventOrDetect() : days.other();
    }

    /** Days allowed for one severity: for prevent and detect items, and for the other types. */
    public record Days(int preventOrDetect, int other) {
        public Days {
            if (preventOrDetect < 1 || other < 1) {
                throw new IllegalArgumentException("SLA days must be at least 1, got " + preventOrDetect + " and " + other);
            }
        }
    }
}
