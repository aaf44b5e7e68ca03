package dev.incidentlifecycle.reviews.schedule;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the facilitator rotation stands: who was picked last and how often each facilitator has been
 * picked. The adapter keeps it (or derives it from its reviews: the facilitator of the most recently
 * scheduled review, and a count per facilitator) and passes it to every pick.
 *
 * @param lastPicked null before the first pick
 * @param picks      picks per facilitator, keyed as configured in the rotation
 */
public record RotationState(String lastPicked, Map<String, Integer> picks) {

    public RotationState {
        picks = Map.copyOf(Objects.requireNonNull(picks, "picks"));
    }

    public static RotationState start() {
        return new RotationState(null, Map.of());
    }

    public int picksOf(String facilitator) {
        return picks.getOrDefault(facilitator, 0);
    }

    /** The state after {@code facilitator} was picked. */
    public RotationState after(String facilitator) {
        Map<String, Integer> next = new HashMap<>(picks);
        next.merge(facilitator, 1, Integer::sum);
        return new RotationState(facilitator, next);
    }
}
