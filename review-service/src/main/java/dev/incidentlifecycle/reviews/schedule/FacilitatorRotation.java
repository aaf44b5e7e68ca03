package dev.incidentlifecycle.reviews.schedule;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The configured facilitators, taken in turn. Fairness: among the eligible facilitators, the one picked
 * least often goes first, and ties go round robin from the one after the last pick. With nobody excluded
 * that is plain round robin; someone skipped (they were in the incident, or fully booked) keeps the lower
 * count, so they get their turn before anyone gets another: skips never cost anyone their share, and the
 * spread of picks stays bounded (a plain pointer would let it grow). A facilitator added to the list later
 * starts at zero picks and so leads until level: seed {@link RotationState} if that is unwanted.
 *
 * <p>Facilitators of a team related to the incident's service, when there are any, are offered before everyone
 * else (each group fairest first). The preference only reorders: the others keep their lower counts, so they
 * catch up on the incidents of services that prefer nobody.
 */
public final class FacilitatorRotation {

    private final List<String> facilitators;

    public FacilitatorRotation(List<String> facilitators) {
        Objects.requireNonNull(facilitators, "facilitators");
        Set<String> seen = new HashSet<>();
        for (String facilitator : facilitators) {
            if (facilitator == null || facilitator.isBlank()) {
                throw new IllegalArgumentException("a facilitator needs a name");
            }
            if (!seen.add(IncidentPeople.identity(facilitator))) {
                throw new IllegalArgumentException("facilitator listed twice: " + facilitator);
            }
        }
        this.facilitators = List.copyOf(facilitators);
    }

    public List<String> facilitators() {
        return facilitators;
    }

    /**
     * The facilitators who may run the review of an incident, fairest first: never its commander or one
     * of its responders.
     */
    public List<String> candidates(RotationState state, IncidentPeople incident) {
        return candidates(state, incident, Set.of());
    }

    /**
     * The facilitators who may run the review of an incident: those {@code preferred} (of a team related to its
     * service) first, each group fairest first; never its commander or one of its responders.
     */
    public List<String> candidates(RotationState state, IncidentPeople incident, Set<String> preferred) {
        int n = facilitators.size();
        int last = state.lastPicked() == null ? -1 : indexOf(state.lastPicked());
        Set<String> preferredKeys = preferred.stream().map(IncidentPeople::identity).collect(Collectors.toSet());
        Comparator<Integer> fairest = Comparator
                .<Integer, Boolean>comparing(i -> !preferredKeys.contains(IncidentPeople.identity(facilitators.get(i))))
                .thenComparingInt(i -> state.picksOf(facilitators.get(i)))
                .thenComparingInt(i -> Math.floorMod(i - last - 1, n));
        return IntStream.range(0, n).boxed()
                .filter(i -> !incident.includes(facilitators.get(i)))
                .sorted(fairest)
                .map(facilitators::get)
                .collect(Collectors.toUnmodifiableList());
    }

    private int indexOf(String facilitator) {
        String key = IncidentPeople.identity(facilitator);
        for (int i = 0; i < facilitators.size(); i++) {
            if (IncidentPeople.identity(facilitators.get(i)).equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
