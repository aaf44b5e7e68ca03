package dev.incidentlifecycle.eventstore.consuming;

import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.InOrder;
import dev.incidentlifecycle.eventstore.UnitOfWork;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Function;

/**
 * A {@link BatchHandler} for consumers that handle one message at a time: each message's commands run, in offset
 * order, in the transaction of the batch it came in ({@link InBatch#transact}), with the message's own context
 * and trace. Reading is part of handling: a message found to be poison is dead-lettered alone.
 */
public interface MessageHandler extends BatchHandler<IncomingMessage> {

    /** Handles one message; its commands go through {@code batch}. */
    Uni<Void> handle(IncomingMessage message, InBatch batch);

    @Override
    default IncomingMessage read(IncomingMessage message) {
        return message;
    }

    @Override
    default Uni<Void> handle(UnitOfWork work, int partition, List<Read<IncomingMessage>> batch) {
        return InOrder.each(batch, read -> {
            IncomingMessage message = read.message();
            InBatch inBatch = new InBatch() {
                @Override
                public <R> Uni<R> transact(CommandContext context, Function<UnitOfWork, Uni<R>> commands) {
                    return commands.apply(work.as(context, message.traceParent()));
                }
            };
            return Uni.createFrom().deferred(() -> handle(message, inBatch));
        });
    }

    /** The transaction of the batch a message came in. */
    interface InBatch {
        /** Runs the message's commands with {@code context} (its actor, times, correlation) in the batch's transaction. */
        <R> Uni<R> transact(CommandContext context, Function<UnitOfWork, Uni<R>> commands);
    }
}
