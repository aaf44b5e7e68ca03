package dev.incidentlifecycle.reviews.search;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.reviews.policy.Severity;

import java.time.Instant;
import java.util.Set;

/**
 * What a search asks for. {@code query} is web-search syntax ({@code websearch_to_tsquery}: words, "quoted phrases",
 * {@code or}, {@code -excluded}); it never fails to parse. Empty sets and nulls mean "any".
 *
 * @param from incidents declared at or after (inclusive)
 * @param to   incidents declared before (exclusive)
 */
public record SearchFilter(String query, Set<SearchKind> kinds, String service, Set<Severity> severities, Instant from,
                           Instant to) {

    /** The longest query (characters): a search is a few words, and the query's cost grows with its terms. */
    public static final int MAX_QUERY_LENGTH = 200;
    /** The longest service name filtered on. */
    public static final int MAX_SERVICE_LENGTH = 200;

    public SearchFilter {
        if (query == null || query.isBlank()) {
            throw new InvalidCommand("q", "q is required: the words to search for");
        }
        query = query.strip();
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new InvalidCommand("q", "q is at most " + MAX_QUERY_LENGTH + " characters long");
        }
        if (query.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidCommand("q", "q must not contain control characters");
        }
        if (service != null && service.length() > MAX_SERVICE_LENGTH) {
            throw new InvalidCommand("service", "service is at most " + MAX_SERVICE_LENGTH + " characters long");
        }
        if (from != null && to != null && !to.isAfter(from)) {
            throw new InvalidCommand("to", "the period must end after it starts");
        }
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        severities = severities == null ? Set.of() : Set.copyOf(severities);
    }

    public boolean includes(SearchKind kind) {
        return kinds.isEmpty() || kinds.contains(kind);
    }
}
