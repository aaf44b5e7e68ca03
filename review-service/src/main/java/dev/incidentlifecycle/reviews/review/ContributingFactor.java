package dev.incidentlifecycle.reviews.review;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.UUID;

/**
 * One of the conditions that together made the incident possible.
 *
 * @param tags free tags, normalised ({@link #normaliseTags}): what recurrence and insights match with the category,
 *             such as {@code connection-pool}; empty for factors written before tags existed
 */
public record ContributingFactor(UUID factorId, FactorCategory category, String description, List<String> tags) {

    /** A tag: lower-case ASCII letters, digits, '.', '_' or '-', starting with a letter or digit. */
    public static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public ContributingFactor {
        Objects.requireNonNull(factorId, "factorId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(description, "description");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public ContributingFactor(UUID factorId, FactorCategory category, String description) {
        this(factorId, category, description, List.of());
    }

    /** Trimmed, lower case, duplicates and blanks left out, in the order given. */
    public static List<String> normaliseTags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        Set<String> normalised = new LinkedHashSet<>();
        for (String tag : tags) {
            if (tag != null && !tag.isBlank()) {
                normalised.add(tag.strip().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(normalised);
    }
}
