package dev.incidentlifecycle.reviews.review;

import dev.incidentlifecycle.reviews.languagecheck.LanguageFinding;

/**
 * A language finding on a review, open or dismissed.
 *
 * @param dismissalReason why it was dismissed; null while open
 */
public record ReviewFinding(LanguageFinding finding, String dismissalReason) {

    public boolean isOpen() {
        return dismissalReason == null;
    }

    public String id() {
        return finding.id();
    }
}
