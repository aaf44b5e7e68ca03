/**
 * The review aggregate (stream {@code review-<uuid>}): {@link dev.incidentlifecycle.reviews.review.ReviewDecider}
 * decides {@link dev.incidentlifecycle.reviews.review.ReviewCommand}s against the
 * {@link dev.incidentlifecycle.reviews.review.ReviewState} folded from
 * {@link dev.incidentlifecycle.reviews.review.ReviewEvent}s. {@code review.published} and
 * {@code review.amended} carry the {@link dev.incidentlifecycle.reviews.review.ReviewOutcome}.
 */
package dev.incidentlifecycle.reviews.review;
