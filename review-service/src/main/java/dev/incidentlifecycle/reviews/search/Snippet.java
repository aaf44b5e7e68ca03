package dev.incidentlifecycle.reviews.search;

/**
 * A highlighted extract of a hit's text, safe to put in HTML as it is: every {@code & < > " '} of the text is escaped,
 * and the only markup is {@code <mark>}…{@code </mark>} around each matched word. PostgreSQL's {@code ts_headline}
 * marks the matches with two private-use characters, which are taken out of the text before it runs, so nothing
 * people wrote can pose as a marker.
 */
public final class Snippet {

    /** Where ts_headline starts a match (U+E000) and where it stops (U+E001). */
    public static final char START = '\uE000';
    public static final char STOP = '\uE001';
    public static final String MARK = "<mark>";
    public static final String END_MARK = "</mark>";

    private Snippet() {
    }

    /** From ts_headline's answer: escaped, the markers turned into {@code <mark>} elements. */
    public static String of(String headline) {
        if (headline == null) {
            return "";
        }
        StringBuilder html = new StringBuilder(headline.length() + 32);
        for (int i = 0; i < headline.length(); i++) {
            char c = headline.charAt(i);
            switch (c) {
                case START -> html.append(MARK);
                case STOP -> html.append(END_MARK);
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> html.append(c);
            }
        }
        return html.toString();
    }
}
