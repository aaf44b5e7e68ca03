package dev.incidentlifecycle.incidents.alert;

import java.util.List;
import java.util.Map;

/**
 * Checks a {@code custom_details} object (any JSON the sender likes) against {@link AlertLimits}: its size as
 * compact JSON, its depth, its number of entries, its key lengths, and no U+0000 or unpaired surrogate in any
 * key or string (PostgreSQL's jsonb refuses them, and the alert would never be stored). The walk stops as soon
 * as the size or entry bound is passed, so a hostile body costs no more than the bound.
 */
public final class CustomDetails {

    private final BodyReader reader;
    private final String root;
    private long bytes;
    private int entries;
    private boolean stopped;

    private CustomDetails(BodyReader reader, String root) {
        this.reader = reader;
        this.root = root;
    }

    /** Notes every problem of {@code details} with {@code reader}; {@code path} names it in the errors. */
    public static void check(Map<String, Object> details, String path, BodyReader reader) {
        new CustomDetails(reader, path).value(details, path, 1);
    }

    private void value(Object value, String path, int depth) {
        if (stopped) {
            return;
        }
        if (value instanceof Map<?, ?> object) {
            if (tooDeep(path, depth)) {
                return;
            }
            bytes += 2 + Math.max(0, object.size() - 1);
            for (Map.Entry<?, ?> member : object.entrySet()) {
                String key = String.valueOf(member.getKey());
                if (!counted()) {
                    return;
                }
                key(key, path);
                bytes += jsonLength(key) + 1;
                value(member.getValue(), path + "." + AlertText.displayed(key), depth + 1);
            }
        } else if (value instanceof List<?> array) {
            if (tooDeep(path, depth)) {
                return;
            }
            bytes += 2 + Math.max(0, array.size() - 1);
            for (int i = 0; i < array.size(); i++) {
                if (!counted()) {
                    return;
                }
                value(array.get(i), path + "[" + i + "]", depth + 1);
            }
        } else if (value instanceof String text) {
            String problem = AlertText.problem(text, AlertText.Kind.DATA);
            if (problem != null) {
                reader.error("'" + path + "' " + problem);
            }
            bytes += jsonLength(text);
        } else {
            bytes += String.valueOf(value).length();
        }
        if (bytes > AlertLimits.CUSTOM_DETAILS_BYTES && !stopped) {
            stopped = true;
            reader.exceeded("'" + root + "' exceeds " + AlertLimits.CUSTOM_DETAILS_BYTES + " bytes as JSON");
        }
    }

    private void key(String key, String path) {
        if (key.length() > AlertLimits.CUSTOM_DETAILS_KEY) {
            reader.exceeded("'" + path + "' has a key longer than " + AlertLimits.CUSTOM_DETAILS_KEY + " characters");
            return;
        }
        String problem = AlertText.problem(key, AlertText.Kind.DATA);
        if (problem != null) {
            reader.error("'" + path + "' has a key (\"" + AlertText.displayed(key) + "\") that " + problem);
        }
    }

    private boolean tooDeep(String path, int depth) {
        if (depth > AlertLimits.CUSTOM_DETAILS_DEPTH) {
            stopped = true;
            reader.exceeded("'" + path + "' nests deeper than " + AlertLimits.CUSTOM_DETAILS_DEPTH + " levels");
            return true;
        }
        return false;
    }

    private boolean counted() {
        if (++entries > AlertLimits.CUSTOM_DETAILS_ENTRIES) {
            stopped = true;
            reader.exceeded("'" + root + "' holds more than " + AlertLimits.CUSTOM_DETAILS_ENTRIES + " entries");
            return false;
        }
        return true;
    }

    /** Bytes of the string written as a JSON string: quotes, escapes and UTF-8. */
    private static long jsonLength(String text) {
        long length = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                length += 2;
            } else if (c < 0x20) {
                length += 6;
            } else if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
