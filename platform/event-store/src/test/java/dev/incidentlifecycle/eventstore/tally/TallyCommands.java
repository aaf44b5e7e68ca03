package dev.incidentlifecycle.eventstore.tally;

import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.MessageHandler;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A consumer of {@code tally-commands}: {@code {"tally": "id", "add": n}} adds n to a tally. */
@ApplicationScoped
public class TallyCommands implements MessageHandler {

    @Override
    public Subscription subscription() {
        return new Subscription("tally-test", "tally-commands", "tally-test");
    }

    @Override
    public Uni<Void> handle(IncomingMessage message, InBatch batch) {
        var body = message.object();
        if (!body.path("tally").isTextual() || !body.path("add").canConvertToLong()) {
            throw new PoisonMessage("a tally command needs a string 'tally' and a number 'add'");
        }
        return batch.transact(CommandContext.by("tally-commands"), work -> work.execute(Tallies.TYPE,
                        body.get("tally").asText(), ExpectedVersion.ANY, new Tally.Add(body.get("add").asLong())))
                .replaceWithVoid();
    }
}
