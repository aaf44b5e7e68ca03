/**
 * What reviews over a period show: {@link dev.incidentlifecycle.reviews.insights.ReviewInsights#over}
 * computes contributing-factor counts by category, factors recurring across incidents and the share
 * published on time, from {@link dev.incidentlifecycle.reviews.insights.ReviewRecord}s.
 */
package dev.incidentlifecycle.reviews.insights;
