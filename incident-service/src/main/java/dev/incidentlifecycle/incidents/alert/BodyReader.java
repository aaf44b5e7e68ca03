package dev.incidentlifecycle.incidents.alert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads fields out of a JSON body already parsed into maps and lists (what Jackson gives for
 * {@code Map<String,Object>}), noting each problem once, worded with the field's path.
 */
public final class BodyReader {

    /** A hostile body could hold a problem per character: the answer lists this many and counts the rest. */
    public static final int MAX_ERRORS = 20;

    private final List<String> errors = new ArrayList<>();
    private int unlisted;
    private boolean tooLarge;

    public List<String> errors() {
        if (unlisted == 0) {
            return errors;
        }
        List<String> listed = new ArrayList<>(errors);
        listed.add("and " + unlisted + " more " + (unlisted == 1 ? "error" : "errors"));
        return listed;
    }

    int errorCount() {
        return errors.size() + unlisted;
    }

    /** Whether any error is a size bound exceeded (Alertmanager's webhook answers 413 for those). */
    public boolean tooLarge() {
        return tooLarge;
    }

    public void error(String message) {
        if (errors.contains(message)) {
            return;
        }
        if (errors.size() < MAX_ERRORS) {
            errors.add(message);
        } else {
            unlisted++;
        }
    }

    /** An error that is a size bound exceeded. */
    public void exceeded(String message) {
        tooLarge = true;
        error(message);
    }

    /** A text within its bounds ({@link AlertLimits}): null when absent, blank or refused (noting why). */
    public String boundedText(Map<?, ?> object, String key, String path, int maxLength, AlertText.Kind kind) {
        return checked(nonBlankText(object, key, path), path, maxLength, kind);
    }

    /** The value when it keeps the bounds of its field; else null, noting why. */
    public String checked(String value, String path, int maxLength, AlertText.Kind kind) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            exceeded("'" + path + "' exceeds " + maxLength + " characters");
            return null;
        }
        String problem = AlertText.problem(value, kind);
        if (problem != null) {
            error("'" + path + "' " + problem);
            return null;
        }
        return value;
    }

    /** An http or https URL within {@link AlertLimits#URL}: null when absent, blank or refused (noting why). */
    public String webUrl(Map<?, ?> object, String key, String path) {
        String url = boundedText(object, key, path, AlertLimits.URL, AlertText.Kind.LINE);
        if (url != null && !AlertText.isWebUrl(url)) {
            error("'" + path + "' must be an http or https URL");
            return null;
        }
        return url;
    }

    /** A string field: null when absent or JSON null; an error when it holds anything but a string. */
    String text(Map<?, ?> object, String key, String path) {
        Object value = object.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        errors.add("'" + path + "' must be a string");
        return null;
    }

    /** Like {@link #text} but blank counts as absent. */
    String nonBlankText(Map<?, ?> object, String key, String path) {
        String value = text(object, key, path);
        return value == null || value.isBlank() ? null : value;
    }

    /** A required string: absent, null or blank gives "'path' is missing or blank". */
    public String requiredText(Map<?, ?> object, String key, String path) {
        Object value = object.get(key);
        if (value != null && !(value instanceof String)) {
            errors.add("'" + path + "' must be a string");
            return null;
        }
        String text = (String) value;
        if (text == null || text.isBlank()) {
            errors.add("'" + path + "' is missing or blank");
            return null;
        }
        return text;
    }

    /** A JSON object field: null when absent; an error when it is not an object. */
    public Map<String, Object> object(Map<?, ?> object, String key, String path) {
        Object value = object.get(key);
        if (value == null) {
            return null;
        }
        Map<String, Object> map = asObject(value);
        if (map == null) {
            errors.add("'" + path + "' must be an object");
        }
        return map;
    }

    /** A JSON array field: null when absent; an error when it is not an array. */
    public List<?> array(Map<?, ?> object, String key, String path) {
        Object value = object.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return list;
        }
        errors.add("'" + path + "' must be an array");
        return null;
    }

    /** An object of string values (labels, annotations): non-string values are errors. */
    Map<String, String> stringMap(Map<?, ?> object, String key, String path) {
        Map<String, Object> map = object(object, key, path);
        if (map == null) {
            return null;
        }
        Map<String, String> strings = new LinkedHashMap<>();
        map.forEach((name, value) -> {
            if (value instanceof String text) {
                strings.put(name, text);
            } else {
                errors.add("'" + path + "." + name + "' must be a string");
            }
        });
        return strings;
    }

    /** The value as a JSON object with string keys, or null when it is not one. */
    public static Map<String, Object> asObject(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                return null;
            }
            copy.put(name, entry.getValue());
        }
        return copy;
    }
}
