package dev.incidentlifecycle.reviews.review.readmodel;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.incidentlifecycle.reviews.languagecheck.LanguageFinding;
import dev.incidentlifecycle.reviews.languagecheck.RuleCategory;
import dev.incidentlifecycle.reviews.review.ReviewFinding;

/**
 * A language finding on a review, as stored in the read model and shown by the API.
 *
 * @param id              what {@code POST /reviews/{id}/findings/{findingId}/dismiss} names
 * @param dismissalReason null while the finding is open (and blocks publication)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FindingView(String id, String field, String phrase, int start, int end, String ruleId,
                          RuleCategory category, String why, String reframing, String dismissalReason) {

    public static FindingView of(LanguageFinding finding, String dismissalReason) {
        return new FindingView(finding.id(), finding.field(), finding.phrase(), finding.start(), finding.end(),
                finding.ruleId(), finding.category(), finding.why(), finding.reframing(), dismissalReason);
    }

    public static FindingView of(ReviewFinding finding) {
        return of(finding.finding(), finding.dismissalReason());
    }

    public boolean open() {
        return dismissalReason == null;
    }
}
