package dev.incidentlifecycle.reviews.review;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The review document being written: free-text sections, notes on the incident's timeline entries,
 * contributing factors and proposed action items. Immutable; maps keep insertion order.
 *
 * @param sections      text per section; a missing section is empty
 * @param timelineNotes the note on each annotated timeline entry, by entry id (the timeline itself is
 *                      the incident's, kept by the adapter's read model)
 */
public record ReviewDocument(Map<DocumentField, String> sections, Map<String, String> timelineNotes,
                             Map<UUID, ContributingFactor> contributingFactors, Map<UUID, ActionItem> actionItems) {

    public static final ReviewDocument EMPTY = new ReviewDocument(Map.of(), Map.of(), Map.of(), Map.of());

    public ReviewDocument {
        EnumMap<DocumentField, String> sectionCopy = new EnumMap<>(DocumentField.class);
        sectionCopy.putAll(sections);
        sections = Collections.unmodifiableMap(sectionCopy);
        timelineNotes = Collections.unmodifiableMap(new LinkedHashMap<>(timelineNotes));
        contributingFactors = Collections.unmodifiableMap(new LinkedHashMap<>(contributingFactors));
        actionItems = Collections.unmodifiableMap(new LinkedHashMap<>(actionItems));
    }

    /** Every (category, tag) its contributing factors carry. */
    public Set<Recurrence.FactorTag> factorTags() {
        Set<Recurrence.FactorTag> tags = new LinkedHashSet<>();
        for (ContributingFactor factor : contributingFactors.values()) {
            factor.tags().forEach(tag -> tags.add(new Recurrence.FactorTag(factor.category(), tag)));
        }
        return tags;
    }

    /** The section's text, empty when never written. */
    public String text(DocumentField field) {
        return sections.getOrDefault(field, "");
    }

    ReviewDocument withText(DocumentField field, String text) {
        Map<DocumentField, String> next = new EnumMap<>(DocumentField.class);
        next.putAll(sections);
        next.put(field, text);
        return new ReviewDocument(next, timelineNotes, contributingFactors, actionItems);
    }

    ReviewDocument withTimelineNote(String entryId, String note) {
        Map<String, String> next = new LinkedHashMap<>(timelineNotes);
        if (note.isBlank()) {
            next.remove(entryId);
        } else {
            next.put(entryId, note);
        }
        return new ReviewDocument(sections, next, contributingFactors, actionItems);
    }

    ReviewDocument withFactor(ContributingFactor factor) {
        Map<UUID, ContributingFactor> next = new LinkedHashMap<>(contributingFactors);
        next.put(factor.factorId(), factor);
        return new ReviewDocument(sections, timelineNotes, next, actionItems);
    }

    ReviewDocument withoutFactor(UUID factorId) {
        Map<UUID, ContributingFactor> next = new LinkedHashMap<>(contributingFactors);
        next.remove(factorId);
        return new ReviewDocument(sections, timelineNotes, next, actionItems);
    }

    ReviewDocument withActionItem(ActionItem item) {
        Map<UUID, ActionItem> next = new LinkedHashMap<>(actionItems);
        next.put(item.actionItemId(), item);
        return new ReviewDocument(sections, timelineNotes, contributingFactors, next);
    }

    ReviewDocument withoutActionItem(UUID actionItemId) {
        Map<UUID, ActionItem> next = new LinkedHashMap<>(actionItems);
        next.remove(actionItemId);
        return new ReviewDocument(sections, timelineNotes, contributingFactors, next);
    }
}
