package dev.incidentlifecycle.web.login;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where in a token's claims a list of names sits: {@code groups}, or a nested claim such as Keycloak's
 * {@code realm_access.roles}. Segments are separated by {@code .} (or {@code /}); a claim name that contains
 * either is written in double quotes ({@code "https://example.com/teams"}).
 */
public record ClaimPath(List<String> segments) {

    public ClaimPath {
        segments = List.copyOf(segments);
        if (segments.isEmpty() || segments.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("a claim path names at least one claim and no empty one: " + segments);
        }
    }

    public static ClaimPath parse(String path) {
        List<String> segments = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        boolean quoted = false;
        for (char c : path.strip().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '.' || c == '/')) {
                segments.add(segment.toString());
                segment.setLength(0);
            } else {
                segment.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unbalanced quote in the claim path '" + path + "'");
        }
        segments.add(segment.toString());
        try {
            return new ClaimPath(segments);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + path + "' is not a claim path such as groups or realm_access.roles", e);
        }
    }

    /** The same path as quarkus-oidc's {@code roles.role-claim-path} writes it: slashes, quoted names. */
    public String oidcRoleClaimPath() {
        List<String> written = segments.stream()
                .map(s -> s.contains("/") || s.contains(".") ? '"' + s + '"' : s)
                .toList();
        return String.join("/", written);
    }

    /** The names at this path; none when the token lacks the claim or it holds no names. */
    public Set<String> valuesIn(JsonWebToken token) {
        Object value = token.getClaim(segments.get(0));
        for (String segment : segments.subList(1, segments.size())) {
            value = member(value, segment);
        }
        return names(value);
    }

    private static Object member(Object value, String name) {
        if (value instanceof JsonObject object) {
            return object.get(name);
        }
        if (value instanceof Map<?, ?> map) {
            return map.get(name);
        }
        return null;
    }

    private static Set<String> names(Object value) {
        Set<String> names = new LinkedHashSet<>();
        if (value instanceof JsonArray array) {
            for (JsonValue element : array) {
                if (element instanceof JsonString text) {
                    names.add(text.getString());
                }
            }
        } else if (value instanceof Collection<?> values) {
            for (Object element : values) {
                if (element instanceof JsonString text) {
                    names.add(text.getString());
                } else if (element instanceof String text) {
                    names.add(text);
                }
            }
        } else if (value instanceof JsonString text) {
            names.add(text.getString());
        } else if (value instanceof String text) {
            names.add(text);
        }
        return Set.copyOf(names);
    }

    @Override
    public String toString() {
        return String.join(".", segments);
    }
}
