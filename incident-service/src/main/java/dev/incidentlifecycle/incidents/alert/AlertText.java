package dev.incidentlifecycle.incidents.alert;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a text of an alert may hold (see {@link AlertLimits}), worded to follow the field's quoted path. */
public final class AlertText {

    /** What kind of text a field is. */
    public enum Kind {
        /** One line: no C0 control character at all. */
        LINE,
        /** Prose (the summary): tab, line feed and carriage return allowed. */
        PROSE,
        /** Data inside custom_details: only U+0000 refused, as jsonb cannot store it. */
        DATA
    }

    // The scheme and "//" must come first: no leading blank or control character a browser would strip.
    private static final Pattern WEB_URL = Pattern.compile("(?i)https?://[^/?#\\s]+.*", Pattern.DOTALL);

    private AlertText() {
    }

    /** What is wrong with the text, e.g. {@code contains a control character U+0000 at index 7}; null when nothing. */
    static String problem(String text, Kind kind) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && refused(c, kind)) {
                return "contains a control character " + codePoint(c) + " at index " + i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate " + codePoint(c) + " at index " + i;
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate " + codePoint(c) + " at index " + i;
            }
        }
        return null;
    }

    private static boolean refused(char c, Kind kind) {
        return switch (kind) {
            case LINE -> true;
            case PROSE -> c != '\t' && c != '\n' && c != '\r';
            case DATA -> c == 0;
        };
    }

    static boolean isWebUrl(String text) {
        return WEB_URL.matcher(text).matches();
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The text cut to at most {@code max} characters with an ellipsis, never between the halves of a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** A key as it may appear in an error's path: control characters and quotes escaped, long keys cut. */
    static String displayed(String key) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < key.length() && i < 64; i++) {
            char c = key.charAt(i);
            shown.append(c < 0x20 || c == '\'' || c == '"' || Character.isSurrogate(c)
                    ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
        return key.length() > 64 ? shown + "…" : shown.toString();
    }

    private static String codePoint(char c) {
        return String.format(Locale.ROOT, "U+%04X", (int) c);
    }
}
