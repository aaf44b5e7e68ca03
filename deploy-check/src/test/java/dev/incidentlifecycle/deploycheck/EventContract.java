package dev.incidentlifecycle.deploycheck;

import static dev.incidentlifecycle.deploycheck.YamlDocuments.listAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.mapAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * docs/asyncapi.yaml, the public event contract, as plain maps: its channels, operations and messages, with its
 * {@code $ref}s followed (inside the document, and to the JSON Schema files it points to).
 */
final class EventContract {

    static final String PATH = "docs/asyncapi.yaml";

    /** A {@code $ref} and where in the document it stands (a JSON pointer), for failure messages. */
    record Reference(String where, String target) {

        boolean local() {
            return target.startsWith("#");
        }
    }

    /** A message as a channel carries it: the channel's key, the message's key there, and the message itself. */
    record ChannelMessage(String channel, String key, Map<String, Object> message) {

        String name() {
            return text(message, "name");
        }
    }

    private final Map<String, Object> root;

    private EventContract(Map<String, Object> root) {
        this.root = root;
    }

    static EventContract load() {
        return new EventContract(YamlDocuments.single(Repository.path(PATH)));
    }

    Map<String, Object> root() {
        return root;
    }

    Map<String, Object> channels() {
        return mapAt(root, "channels");
    }

    Map<String, Object> operations() {
        return mapAt(root, "operations");
    }

    /** The key of the channel an operation is on (its {@code channel.$ref} is {@code #/channels/<key>}). */
    String channelKeyOf(Map<String, Object> operation) {
        String ref = text(operation, "channel", "$ref");
        if (ref == null || !ref.startsWith("#/channels/") || ref.indexOf('/', "#/channels/".length()) >= 0) {
            throw new AssertionError("an operation's channel should be a $ref to #/channels/<key>, not " + ref);
        }
        return unescape(ref.substring("#/channels/".length()));
    }

    /** The services named by an operation's tags. */
    List<String> tagsOf(Map<String, Object> operation) {
        return listAt(operation, "tags").stream().map(tag -> text(follow(tag), "name")).toList();
    }

    /** Every message of every channel, followed to its definition. */
    List<ChannelMessage> channelMessages() {
        List<ChannelMessage> all = new ArrayList<>();
        channels().forEach((channel, definition) -> mapAt(definition, "messages")
                .forEach((key, message) -> all.add(new ChannelMessage(channel, key, YamlDocuments.map(follow(message))))));
        return all;
    }

    /** The node a local reference ({@code #/a/b}, JSON pointer escapes allowed) points to; fails when there is none. */
    Object resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new AssertionError("not a reference inside " + PATH + ": " + ref);
        }
        Object node = root;
        for (String token : ref.substring(2).split("/", -1)) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(unescape(token))) {
                throw new AssertionError(ref + " points to nothing in " + PATH);
            }
            node = map.get(unescape(token));
        }
        return node;
    }

    /** The node itself, or what it points to when it is a local {@code $ref} (followed as often as needed). */
    Object follow(Object node) {
        Object current = node;
        for (int hops = 0; hops < 10; hops++) {
            String ref = current instanceof Map<?, ?> map && map.get("$ref") instanceof String text ? text : null;
            if (ref == null || !ref.startsWith("#")) {
                return current;
            }
            current = resolve(ref);
        }
        throw new AssertionError("a $ref chain without end from " + node);
    }

    /** A copy of the node with every local {@code $ref} replaced by what it points to (a schema to apply on its own). */
    Object inlined(Object node) {
        Object followed = follow(node);
        if (followed instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(String.valueOf(key), inlined(value)));
            return copy;
        }
        if (followed instanceof List<?> list) {
            return list.stream().map(this::inlined).toList();
        }
        return followed;
    }

    /** The file a reference to a file names, relative to docs/ (a fragment, if any, left out). */
    static Path fileOf(Reference reference) {
        String target = reference.target();
        int hash = target.indexOf('#');
        String file = hash >= 0 ? target.substring(0, hash) : target;
        return Repository.path(PATH).getParent().resolve(file).normalize();
    }

    /** Every {@code $ref} of the document, in document order. */
    List<Reference> references() {
        List<Reference> found = new ArrayList<>();
        collect(root, "#", found);
        return found;
    }

    /** The message's top-level fields over those of its traits (a trait never overrides the message; no deeper merge). */
    Map<String, Object> withTraits(Map<String, Object> message) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Object trait : listAt(message, "traits")) {
            merged.putAll(YamlDocuments.map(follow(trait)));
        }
        merged.putAll(message);
        merged.remove("traits");
        return merged;
    }

    private static void collect(Object node, String where, List<Reference> found) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String at = where + "/" + escape(String.valueOf(key));
                if ("$ref".equals(key) && value instanceof String target) {
                    found.add(new Reference(at, target));
                } else {
                    collect(value, at, found);
                }
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(list.get(i), where + "/" + i, found);
            }
        }
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
