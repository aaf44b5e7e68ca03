package dev.incidentlifecycle.reviews.insights;

import dev.incidentlifecycle.reviews.review.FactorCategory;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What reviews over a period show, computed in PostgreSQL by {@code insights.readmodel.InsightsQueries}:
 * <ul>
 *   <li>A review belongs to the period when its due instant lies in it: every review has one from the
 *       moment it is scheduled, so the set does not shift as reviews get published late. Cancelled and
 *       declined reviews are left out: they were never meant to be published.</li>
 *   <li>{@code factorsByCategory}: contributing factors of the period's published outcomes, per category
 *       (every category present, zero when none).</li>
 *   <li>{@code recurringFactors}: factors whose normalised description ({@link #normalise}) appears in the
 *       reviews of at least two different incidents; most incidents first, then by description. At most
 *       {@link #MAX_RECURRING_FACTORS}; {@code recurringFactorsTotal} counts them all.</li>
 *   <li>On time: a published review is on time when {@code publishedAt <= dueAt}. An unpublished review
 *       whose due instant has passed by now counts as late; one not yet due is not counted.
 *       {@code onTimeShare} is on time / (on time + late), null when nothing is counted.</li>
 *   <li>{@code factorsByTag}: the period's published factors per category and tag, with the incidents they come
 *       from; most factors first, at most {@link #MAX_TAGS}. {@code factorsByMonth}: per month of the due instant
 *       (UTC), category and tag (null: untagged), at most {@link #MAX_MONTHLY}, in that order. Each has a total.</li>
 * </ul>
 */
public record ReviewInsights(Period period, int reviews, int published, Map<FactorCategory, Integer> factorsByCategory,
                             List<RecurringFactor> recurringFactors, int recurringFactorsTotal, int publishedOnTime,
                             int late, Double onTimeShare, List<TaggedFactors> factorsByTag, int factorsByTagTotal,
                             List<TaggedFactors> factorsByMonth, int factorsByMonthTotal) {

    /** The answer lists at most this many recurring factors, the most recurring first. */
    public static final int MAX_RECURRING_FACTORS = 100;
    /** {@code factorsByTag} lists at most this many (category, tag) pairs, the most factors first. */
    public static final int MAX_TAGS = 100;
    /** {@code factorsByMonth} lists at most this many (month, category, tag) rows, in that order. */
    public static final int MAX_MONTHLY = 500;

    public ReviewInsights {
        factorsByCategory = Map.copyOf(factorsByCategory);
        recurringFactors = List.copyOf(recurringFactors);
        factorsByTag = List.copyOf(factorsByTag);
        factorsByMonth = List.copyOf(factorsByMonth);
    }

    /** The same insights with the tag groupings. */
    public ReviewInsights withTags(List<TaggedFactors> byTag, int byTagTotal, List<TaggedFactors> byMonth, int byMonthTotal) {
        return new ReviewInsights(period, reviews, published, factorsByCategory, recurringFactors, recurringFactorsTotal,
                publishedOnTime, late, onTimeShare, byTag, byTagTotal, byMonth, byMonthTotal);
    }

    /** Lower case, trimmed, runs of whitespace collapsed to one space. */
    public static String normalise(String description) {
        return description.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
