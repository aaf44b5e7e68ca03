package dev.incidentlifecycle.eventstore.tally;

import dev.incidentlifecycle.eventsourcing.Decider;
import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventsourcing.RuleViolation;

import java.util.List;

/** A tiny aggregate for testing the store: a tally that counts up until it is closed. */
public final class Tally implements Decider<Tally.Command, Tally.State, Tally.Event> {

    public sealed interface Command permits Add, Close {
    }

    public record Add(long amount) implements Command {
    }

    public record Close() implements Command {
    }

    public sealed interface Event permits Added, Closed {
    }

    public record Added(long amount) implements Event {
    }

    public record Closed() implements Event {
    }

    public record State(long total, long additions, boolean closed) {
    }

    @Override
    public State initialState() {
        return new State(0, 0, false);
    }

    @Override
    public State evolve(State state, Event event) {
        if (event instanceof Added added) {
            return new State(Math.addExact(state.total(), added.amount()), state.additions() + 1, state.closed());
        }
        return new State(state.total(), state.additions(), true);
    }

    @Override
    public List<Event> decide(Command command, State state) {
        if (state.closed()) {
            throw new RuleViolation("the tally is closed");
        }
        if (command instanceof Add add) {
            if (add.amount() <= 0) {
                throw new InvalidCommand("amount", "amount must be positive");
            }
            Math.addExact(state.total(), add.amount()); // a tally that would overflow is refused, by an exception
            return List.of(new Added(add.amount()));
        }
        return List.of(new Closed());
    }
}
