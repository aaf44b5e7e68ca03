/**
 * What reviews over a period show: {@link dev.incidentlifecycle.reviews.insights.ReviewInsights} (contributing-factor
 * counts by category, factors recurring across incidents, the share published on time), computed in PostgreSQL by
 * {@link dev.incidentlifecycle.reviews.insights.readmodel.InsightsQueries} over a {@link
 * dev.incidentlifecycle.reviews.insights.Period} of at most a year.
 */
package dev.incidentlifecycle.reviews.insights;
