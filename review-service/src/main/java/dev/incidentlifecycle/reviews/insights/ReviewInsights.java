package dev.incidentlifecycle.reviews.insights;

import dev.incidentlifecycle.reviews.review.FactorCategory;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What reviews over a period show. Computed by {@link #over}:
 * <ul>
 *   <li>A review belongs to the period when its due instant lies in it: every review has one from the
 *       moment it is scheduled, so the set does not shift as reviews get published late.</li>
 *   <li>{@code factorsByCategory}: contributing factors of the period's published reviews, per category
 *       (every category present, zero when none).</li>
 *   <li>{@code recurringFactors}: factors whose normalised description (lower case, trimmed, whitespace
 *       collapsed) appears in the reviews of at least two different incidents; most incidents first, then
 *       by description.</li>
 *   <li>On time: a published review is on time when {@code publishedAt <= dueAt}. An unpublished review
 *       whose due instant has passed by {@code asOf} counts as late; one not yet due is not counted.
 *       {@code onTimeShare} is on time / (on time + late), null when nothing is counted.</li>
 * </ul>
 */
public record ReviewInsights(Period period, int reviews, int published, Map<FactorCategory, Integer> factorsByCategory,
                             List<RecurringFactor> recurringFactors, int publishedOnTime, int late,
                             Double onTimeShare) {

    public ReviewInsights {
        factorsByCategory = Map.copyOf(factorsByCategory);
        recurringFactors = List.copyOf(recurringFactors);
    }

    public static ReviewInsights over(Period period, Instant asOf, Collection<ReviewRecord> reviews) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(asOf, "asOf");
        List<ReviewRecord> inPeriod = reviews.stream().filter(r -> period.contains(r.dueAt())).toList();

        Map<FactorCategory, Integer> byCategory = new EnumMap<>(FactorCategory.class);
        for (FactorCategory category : FactorCategory.values()) {
            byCategory.put(category, 0);
        }
        Map<String, Set<UUID>> incidentsByFactor = new TreeMap<>();
        Map<String, Set<FactorCategory>> categoriesByFactor = new TreeMap<>();
        int published = 0;
        int onTime = 0;
        int late = 0;
        for (ReviewRecord review : inPeriod) {
            if (review.isPublished()) {
                published++;
                if (review.publishedAt().isAfter(review.dueAt())) {
                    late++;
                } else {
                    onTime++;
                }
                for (ReviewRecord.Factor factor : review.contributingFactors()) {
                    byCategory.merge(factor.category(), 1, Integer::sum);
                    String description = normalise(factor.description());
                    if (!description.isEmpty()) {
                        incidentsByFactor.computeIfAbsent(description, d -> new TreeSet<>()).add(review.incidentId());
                        categoriesByFactor.computeIfAbsent(description, d -> EnumSet.noneOf(FactorCategory.class))
                                .add(factor.category());
                    }
                }
            } else if (asOf.isAfter(review.dueAt())) {
                late++;
            }
        }
        List<RecurringFactor> recurring = incidentsByFactor.entrySet().stream()
                .filter(entry -> entry.getValue().size() >= 2)
                .map(entry -> new RecurringFactor(entry.getKey(), categoriesByFactor.get(entry.getKey()),
                        List.copyOf(entry.getValue())))
                .sorted(Comparator.comparingInt(RecurringFactor::incidents).reversed()
                        .thenComparing(RecurringFactor::description))
                .toList();
        Double share = onTime + late == 0 ? null : (double) onTime / (onTime + late);
        return new ReviewInsights(period, inPeriod.size(), published, byCategory, recurring, onTime, late, share);
    }

    /** Lower case, trimmed, runs of whitespace collapsed to one space. */
    public static String normalise(String description) {
        return description.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
