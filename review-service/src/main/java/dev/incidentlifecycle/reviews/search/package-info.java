/**
 * Search across reviews and review-service's copies of incidents: PostgreSQL full-text search
 * ({@link dev.incidentlifecycle.reviews.search.readmodel.SearchQueries}), ranked, with safe highlighted
 * {@link dev.incidentlifecycle.reviews.search.Snippet}s.
 */
package dev.incidentlifecycle.reviews.search;
