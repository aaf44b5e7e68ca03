package dev.incidentlifecycle.reviews.search;

/** What a search hit is: an incident (review-service's copy of it) or a review. */
public enum SearchKind {
    INCIDENT, REVIEW
}
