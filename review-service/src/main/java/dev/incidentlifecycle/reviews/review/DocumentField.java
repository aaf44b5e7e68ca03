package dev.incidentlifecycle.reviews.review;

/** The free-text sections of a review document; each is set as a whole. */
public enum DocumentField {
    SUMMARY("summary"),
    IMPACT("impact"),
    WHAT_WENT_WELL("whatWentWell"),
    WHERE_WE_GOT_LUCKY("whereWeGotLucky"),
    OPEN_QUESTIONS("openQuestions");

    private final String fieldName;

    DocumentField(String fieldName) {
        this.fieldName = fieldName;
    }

    /** The camelCase name used in JSON and in language findings ({@code whatWentWell}). */
    public String fieldName() {
        return fieldName;
    }
}
