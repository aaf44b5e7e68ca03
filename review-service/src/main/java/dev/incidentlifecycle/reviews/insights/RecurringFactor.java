package dev.incidentlifecycle.reviews.insights;

import dev.incidentlifecycle.reviews.review.FactorCategory;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A contributing factor named in the reviews of two or more incidents.
 *
 * @param description normalised: lower case, trimmed, inner whitespace collapsed to one space
 * @param categories  the categories the reviews gave it (they may differ), in the enum's order
 * @param incidents   how many incidents' reviews name it
 * @param incidentIds those incidents in id order (as their text sorts), at most {@link #MAX_INCIDENT_IDS}
 */
public record RecurringFactor(String description, Set<FactorCategory> categories, int incidents, List<UUID> incidentIds) {

    /** Each recurring factor lists at most this many incident ids; {@code incidents} counts them all. */
    public static final int MAX_INCIDENT_IDS = 100;

    public RecurringFactor {
        EnumSet<FactorCategory> ordered = EnumSet.noneOf(FactorCategory.class);
        ordered.addAll(categories);
        categories = Collections.unmodifiableSet(ordered);
        incidentIds = List.copyOf(incidentIds);
    }
}
