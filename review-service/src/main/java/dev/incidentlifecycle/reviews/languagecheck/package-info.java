/**
 * The blameless language check: a configurable list of
 * {@link dev.incidentlifecycle.reviews.languagecheck.LanguageRule}s
 * ({@link dev.incidentlifecycle.reviews.languagecheck.LanguageRules#defaults()}) applied by
 * {@link dev.incidentlifecycle.reviews.languagecheck.LanguageCheck#check(String, String)}, which gives
 * findings with field, phrase, position, rule, why and a suggested reframing. Backs
 * {@code POST /language-check} and the findings on a review.
 */
package dev.incidentlifecycle.reviews.languagecheck;
