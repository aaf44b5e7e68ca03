package dev.incidentlifecycle.reviews.insights;

import dev.incidentlifecycle.reviews.review.FactorCategory;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A contributing factor named in the reviews of two or more incidents.
 *
 * @param description normalised: lower case, trimmed, inner whitespace collapsed to one space
 * @param categories  the categories the reviews gave it (they may differ)
 * @param incidentIds the incidents whose reviews name it, in id order
 */
public record RecurringFactor(String description, Set<FactorCategory> categories, List<UUID> incidentIds) {

    public RecurringFactor {
        categories = Set.copyOf(categories);
        incidentIds = List.copyOf(incidentIds);
    }

    public int incidents() {
        return incidentIds.size();
    }
}
