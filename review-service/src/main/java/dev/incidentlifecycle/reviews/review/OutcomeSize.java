package dev.incidentlifecycle.reviews.review;

/**
 * An upper bound of the bytes a {@link ReviewOutcome} takes as the UTF-8 JSON of {@code review.published}, computed
 * without serializing it (the domain knows no JSON library). Each text counts as the worst its escaping can make
 * it; ids, enums, instants and field names count as a generous fixed overhead per element.
 */
public final class OutcomeSize {

    /**
     * Field names, ids, enums, instants, the actor and the link of the outcome itself (the link is the configured
     * public base URL and the review's path: a base URL of a few hundred characters still fits).
     */
    static final int OUTCOME_OVERHEAD = 1_024;
    /** Per contributing factor, action item or participant: its field names, id, enums and due date. */
    static final int ELEMENT_OVERHEAD = 256;

    private OutcomeSize() {
    }

    public static long bytesOf(ReviewOutcome outcome) {
        long bytes = OUTCOME_OVERHEAD;
        bytes += json(outcome.incidentNumber()) + json(outcome.service()) + json(outcome.title())
                + json(outcome.summary()) + json(outcome.impact()) + json(outcome.whatWentWell())
                + json(outcome.whereWeGotLucky()) + json(outcome.openQuestions()) + json(outcome.facilitator());
        for (ContributingFactor factor : outcome.contributingFactors()) {
            bytes += ELEMENT_OVERHEAD + json(factor.description());
            for (String tag : factor.tags()) {
                bytes += json(tag) + 1;
            }
        }
        for (ActionItem item : outcome.actionItems()) {
            bytes += ELEMENT_OVERHEAD + json(item.title()) + json(item.ownerTeam()) + json(item.owner());
        }
        for (String participant : outcome.participants()) {
            bytes += ELEMENT_OVERHEAD + json(participant);
        }
        return bytes;
    }

    /**
     * The most bytes {@code text} can take as a JSON string in UTF-8, quotes included: a control character may be
     * written as a six-character escape, a quote or backslash is escaped, other characters take their UTF-8 length (a lone
     * surrogate counts as an escape).
     */
    static long json(String text) {
        if (text == null) {
            return 4;
        }
        long bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                bytes += 6;
            } else if (c == '"' || c == '\\') {
                bytes += 2;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 6;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
