package dev.incidentlifecycle.eventsourcing;

import java.util.List;

/**
 * The shape of every aggregate: a command is decided against the state folded from past events, and
 * yields new events. Plain Java, no framework: domain code implements this and is tested without any
 * infrastructure.
 *
 * @param <C> commands
 * @param <S> state
 * @param <E> events
 */
public interface Decider<C, S, E> {

    /** The state of a stream that has no events yet. */
    S initialState();

    /** Applies one past event. Must not refuse anything: what happened, happened. */
    S evolve(S state, E event);

    /**
     * Decides what happens when the command meets the state. Refuses with {@link RuleViolation} when
     * the state does not allow it, or {@link InvalidCommand} when the command itself is wrong. An empty
     * list means "nothing to do" (an idempotent repeat).
     */
    List<E> decide(C command, S state);

    default S fold(Iterable<? extends E> events) {
        S state = initialState();
        for (E event : events) {
            state = evolve(state, event);
        }
        return state;
    }
}
