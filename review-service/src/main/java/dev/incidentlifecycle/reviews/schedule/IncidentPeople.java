package dev.incidentlifecycle.reviews.schedule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The people who ran an incident: its commander and responders. They take part in its review, and none
 * of them facilitates it (a facilitator who was not in the incident can ask naive questions).
 *
 * <p>People are compared by their identifier, trimmed and ignoring case: {@code "Alice"} is {@code "alice "}.
 *
 * @param commander may be null when the incident never had one
 */
public record IncidentPeople(String commander, List<String> responders) {

    public IncidentPeople {
        responders = List.copyOf(Objects.requireNonNull(responders, "responders"));
    }

    public boolean includes(String person) {
        String key = identity(person);
        return (commander != null && identity(commander).equals(key))
                || responders.stream().anyMatch(responder -> identity(responder).equals(key));
    }

    /** Commander first, then responders, then the people added by hand; each person once, in that order. */
    public List<String> participantsWith(Collection<String> addedByHand) {
        Map<String, String> byIdentity = new LinkedHashMap<>();
        List<String> everyone = new ArrayList<>();
        if (commander != null) {
            everyone.add(commander);
        }
        everyone.addAll(responders);
        everyone.addAll(addedByHand);
        for (String person : everyone) {
            if (person != null && !person.isBlank()) {
                byIdentity.putIfAbsent(identity(person), person.strip());
            }
        }
        return List.copyOf(byIdentity.values());
    }

    public List<String> participants() {
        return participantsWith(List.of());
    }

    /** How people are compared: trimmed, ignoring case. */
    public static String identity(String person) {
        return person == null ? "" : person.strip().toLowerCase(Locale.ROOT);
    }
}
