package dev.incidentlifecycle.eventstore.tally;

import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;
import dev.incidentlifecycle.eventstore.consuming.ReliableConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A consumer of {@code tally-commands}: {@code {"tally": "id", "add": n}} adds n to a tally. */
@ApplicationScoped
public class TallyCommands {

    private final ReliableConsumer consumer;
    private final EventStore store;

    TallyCommands(ReliableConsumer consumer, EventStore store) {
        this.consumer = consumer;
        this.store = store;
    }

    @Incoming("tally-commands")
    public Uni<Void> on(ConsumerRecord<String, byte[]> record) {
        return consumer.handle(record, this::handle);
    }

    private Uni<Void> handle(IncomingMessage message) {
        var body = message.object();
        if (!body.path("tally").isTextual() || !body.path("add").canConvertToLong()) {
            throw new PoisonMessage("a tally command needs a string 'tally' and a number 'add'");
        }
        CommandContext context = CommandContext.by("tally-commands").handling("tally-test", message.id());
        return store.transact(context, work -> work.execute(Tallies.TYPE, body.get("tally").asText(), ExpectedVersion.ANY,
                        new Tally.Add(body.get("add").asLong())))
                .replaceWithVoid();
    }
}
