package dev.incidentlifecycle.deploycheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Every YAML document of a file, as plain maps and lists, with small accessors for walking them. */
final class YamlDocuments {

    private YamlDocuments() {
    }

    /** Every non-empty document of the file; a file that does not parse fails here, naming the file. */
    static List<Map<String, Object>> of(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Map<String, Object>> documents = new ArrayList<>();
        try {
            for (Object document : yaml.loadAll(Repository.read(file))) {
                if (document == null) {
                    continue;
                }
                if (!(document instanceof Map)) {
                    throw new IllegalStateException("a document that is not a mapping: " + document);
                }
                documents.add(map(document));
            }
        } catch (RuntimeException e) {
            throw new AssertionError(Repository.relative(file) + " does not parse: " + e.getMessage(), e);
        }
        return documents;
    }

    static Map<String, Object> single(Path file) {
        List<Map<String, Object>> documents = of(file);
        if (documents.size() != 1) {
            throw new AssertionError(Repository.relative(file) + " should hold one YAML document, not " + documents.size());
        }
        return documents.get(0);
    }

    /** The value at a path of keys, or null where any step is missing. */
    static Object at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<?, ?>) current).get(key);
        }
        return current;
    }

    static String text(Object node, String... keys) {
        Object value = at(node, keys);
        return value == null ? null : value.toString();
    }

    static Map<String, Object> mapAt(Object node, String... keys) {
        Object value = at(node, keys);
        return value == null ? Map.of() : map(value);
    }

    static List<Object> listAt(Object node, String... keys) {
        Object value = at(node, keys);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List)) {
            throw new AssertionError("expected a list at " + String.join(".", keys) + ", found " + value);
        }
        return ((List<?>) value).stream().map(Objects::requireNonNull).map(Object.class::cast).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        if (!(node instanceof Map)) {
            throw new AssertionError("expected a mapping, found " + node);
        }
        return (Map<String, Object>) node;
    }
}
