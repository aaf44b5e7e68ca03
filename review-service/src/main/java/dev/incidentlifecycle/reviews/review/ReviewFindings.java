package dev.incidentlifecycle.reviews.review;

import dev.incidentlifecycle.reviews.languagecheck.LanguageCheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The language findings of a review: the language check run over all free text of its document,
 * knowing the names of its facilitator and participants. A pure function of the state, so the adapter
 * can show findings on a review exactly as {@link ReviewDecider} judges them before publishing.
 *
 * <p>Field names in findings: the section's {@link DocumentField#fieldName()} ({@code summary}, ...),
 * {@code timeline/<entryId>}, {@code contributingFactors/<factorId>/description},
 * {@code actionItems/<actionItemId>/title}.
 */
public final class ReviewFindings {

    private final LanguageCheck check;

    public ReviewFindings(LanguageCheck check) {
        this.check = Objects.requireNonNull(check, "check");
    }

    /** Every finding, in document order, each open or dismissed. */
    public List<ReviewFinding> of(ReviewState state) {
        if (!state.exists()) {
            return List.of();
        }
        List<String> people = new ArrayList<>(state.meeting().participants());
        people.add(state.meeting().facilitator());
        LanguageCheck knowingPeople = check.forPeople(people);
        List<ReviewFinding> findings = new ArrayList<>();
        freeText(state.document()).forEach((field, text) -> knowingPeople.check(field, text).forEach(
                finding -> findings.add(new ReviewFinding(finding, state.dismissals().get(finding.id())))));
        return List.copyOf(findings);
    }

    /** The findings that block publication. */
    public List<ReviewFinding> open(ReviewState state) {
        return of(state).stream().filter(ReviewFinding::isOpen).toList();
    }

    /** All free text of a document by field name, in document order. */
    public static Map<String, String> freeText(ReviewDocument document) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (DocumentField field : DocumentField.values()) {
            texts.put(field.fieldName(), document.text(field));
        }
        document.timelineNotes().forEach((entryId, note) -> texts.put("timeline/" + entryId, note));
        document.contributingFactors().forEach(
                (id, factor) -> texts.put("contributingFactors/" + id + "/description", factor.description()));
        document.actionItems().forEach((id, item) -> texts.put("actionItems/" + id + "/title", item.title()));
        return texts;
    }
}
