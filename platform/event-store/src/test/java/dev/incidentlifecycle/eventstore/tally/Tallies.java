package dev.incidentlifecycle.eventstore.tally;

import dev.incidentlifecycle.eventstore.AggregateType;
import dev.incidentlifecycle.eventstore.EventCodec;

/** The tally as the store knows it. Version 1 of {@code tally.added} was {@code {"count": n}}. */
public final class Tallies {

    public static final AggregateType<Tally.Command, Tally.State, Tally.Event> TYPE = new AggregateType<>("tally", new Tally(),
            EventCodec.of(Tally.Event.class)
                    .event("tally.added", Tally.Added.class)
                    .event("tally.closed", Tally.Closed.class)
                    .upcast("tally.added", 1, v1 -> {
                        v1.set("amount", v1.remove("count"));
                        return v1;
                    })
                    .build(),
            Tally.State.class, 10);

    private Tallies() {
    }
}
