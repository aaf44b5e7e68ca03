package dev.incidentlifecycle.eventstore;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.function.Function;

/**
 * Runs one step per item, each after the previous one's {@link Uni} completed; the first failure ends it.
 *
 * <p>A loop of {@code chain = chain.flatMap(...)} does the same but nests one subscription per item: when the steps
 * finish without a round trip (a skipped message, an entity already in the session), the whole chain runs on one
 * stack, and a few hundred such steps overflow it. The overflow is lost inside the reactive chain, which then never
 * completes (a consumer's batch hung until its time-out this way). Concatenating a {@link Multi} drains the items in a
 * loop instead, so the stack stays that of one step however many there are.
 */
public final class InOrder {

    private InOrder() {
    }

    public static <T> Uni<Void> each(Iterable<T> items, Function<? super T, Uni<?>> step) {
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> step.apply(item).replaceWithVoid())
                .onItem().ignoreAsUni();
    }
}
