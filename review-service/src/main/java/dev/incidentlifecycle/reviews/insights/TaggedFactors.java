package dev.incidentlifecycle.reviews.insights;

import dev.incidentlifecycle.reviews.review.FactorCategory;

/**
 * The published factors of one category that carry one tag.
 *
 * @param month     {@code YYYY-MM} (UTC) of the reviews' due instant in {@code factorsByMonth}; null in {@code factorsByTag}
 * @param tag       null in {@code factorsByMonth} for the factors with no tag
 * @param incidents how many incidents' reviews they come from (in {@code factorsByTag}; 0 in {@code factorsByMonth})
 */
public record TaggedFactors(String month, FactorCategory category, String tag, int factors, int incidents) {
}
