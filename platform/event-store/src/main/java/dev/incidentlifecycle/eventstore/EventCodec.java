package dev.incidentlifecycle.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Names, versions and JSON of one aggregate's events. Event type names ({@code incident.declared}) are
 * the public contract; each has a current version, and upcasters turn an older stored payload into the
 * current shape when it is read, so old events stay readable after a schema change.
 */
public final class EventCodec<E> {

    private final Map<Class<?>, String> typeByClass;
    private final Map<String, Class<? extends E>> classByType;
    private final Map<String, Integer> currentVersion;
    private final Map<String, TreeMap<Integer, UnaryOperator<ObjectNode>>> upcasters;

    private EventCodec(Builder<E> builder) {
        this.classByType = Map.copyOf(builder.classByType);
        this.typeByClass = classByType.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
        this.currentVersion = Map.copyOf(builder.currentVersion);
        this.upcasters = Map.copyOf(builder.upcasters);
    }

    public static <E> Builder<E> of(Class<E> eventType) {
        return new Builder<>(eventType);
    }

    public String typeOf(E event) {
        String type = typeByClass.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException("no event type registered for " + event.getClass().getName());
        }
        return type;
    }

    public int versionOf(String type) {
        return currentVersion.getOrDefault(type, 1);
    }

    public Set<String> types() {
        return classByType.keySet();
    }

    public boolean knows(String type) {
        return classByType.containsKey(type);
    }

    public String encode(E event) {
        try {
            return EventJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + typeOf(event) + " as JSON", e);
        }
    }

    /** Reads a stored payload of the given type and version, upcasting it to the current version first. */
    public E decode(String type, int version, String json) {
        Class<? extends E> eventClass = classByType.get(type);
        if (eventClass == null) {
            throw new IllegalArgumentException("unknown event type " + type);
        }
        try {
            ObjectNode node = (ObjectNode) EventJson.mapper().readTree(json);
            for (UnaryOperator<ObjectNode> upcaster : upcasters.getOrDefault(type, new TreeMap<>())
                    .tailMap(version, true).values()) {
                node = upcaster.apply(node);
            }
            return EventJson.mapper().treeToValue(node, eventClass);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read " + type + " v" + version + ": " + e.getOriginalMessage(), e);
        }
    }

    public static final class Builder<E> {
        private final Class<E> eventType;
        private final Map<String, Class<? extends E>> classByType = new HashMap<>();
        private final Map<String, Integer> currentVersion = new HashMap<>();
        private final Map<String, TreeMap<Integer, UnaryOperator<ObjectNode>>> upcasters = new HashMap<>();

        private Builder(Class<E> eventType) {
            this.eventType = eventType;
        }

        public Builder<E> event(String type, Class<? extends E> eventClass) {
            if (classByType.put(type, eventClass) != null) {
                throw new IllegalArgumentException("event type " + type + " registered twice");
            }
            return this;
        }

        /**
         * Declares that stored payloads of {@code type} at {@code fromVersion} are turned into version
         * {@code fromVersion + 1} by {@code upcaster}; the current version becomes the highest reached.
         */
        public Builder<E> upcast(String type, int fromVersion, UnaryOperator<ObjectNode> upcaster) {
            upcasters.computeIfAbsent(type, t -> new TreeMap<>()).put(fromVersion, upcaster);
            currentVersion.merge(type, fromVersion + 1, Math::max);
            return this;
        }

        public EventCodec<E> build() {
            if (eventType.isSealed()) {
                List<Class<?>> missing = Arrays.stream(eventType.getPermittedSubclasses())
                        .filter(c -> !classByType.containsValue(c))
                        .toList();
                if (!missing.isEmpty()) {
                    throw new IllegalStateException("events without a registered type name: " + missing);
                }
            }
            return new EventCodec<>(this);
        }
    }
}
