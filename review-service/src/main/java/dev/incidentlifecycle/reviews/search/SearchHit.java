package dev.incidentlifecycle.reviews.search;

import java.time.Instant;
import java.util.UUID;

/**
 * One thing a search found.
 *
 * @param id          the incident's id (kind INCIDENT) or the review's (kind REVIEW)
 * @param status      the incident's status as incident-events told it, or the review's status
 * @param occurredAt  when the incident was declared: what the period filter looks at, for both kinds
 * @param rank        PostgreSQL's {@code ts_rank} of the match (higher is better); comparable across kinds
 * @param snippet     a highlighted extract ({@link Snippet}): escaped text, matches in {@code <mark>}
 */
public record SearchHit(SearchKind kind, UUID id, UUID incidentId, String incidentNumber, String title, String service,
                        String severity, String status, Instant occurredAt, double rank, String snippet) {
}
