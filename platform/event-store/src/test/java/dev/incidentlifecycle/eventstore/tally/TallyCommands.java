package dev.incidentlifecycle.eventstore.tally;

import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.MessageHandler;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A consumer of {@code tally-commands}: {@code {"tally": "id", "add": n}} adds n to a tally; {@code {"ignore": true}}
 * is skipped.
 */
@ApplicationScoped
public class TallyCommands implements MessageHandler {

    @Override
    public Subscription subscription() {
        return new Subscription("tally-test", "tally-commands", "tally-test");
    }

    /**
     * Commands with {@code "hold": "name"} wait, their batch's transaction open, until a test completes the hold of
     * that name: a slow partition.
     */
    public static final Map<String, CompletableFuture<Void>> HOLDS = new ConcurrentHashMap<>();

    @Override
    public Uni<Void> handle(IncomingMessage message, InBatch batch) {
        var body = message.object();
        if (body.path("ignore").asBoolean(false)) {
            // As a consumer skips the event types it does not read, or finds what it needs in its session's cache:
            // done at once, after "depth" steps that each finish without a round trip.
            Uni<Void> skipped = Uni.createFrom().voidItem();
            for (int i = body.path("depth").asInt(0); i > 0; i--) {
                skipped = skipped.flatMap(v -> Uni.createFrom().item(1)).replaceWithVoid();
            }
            return skipped;
        }
        if (!body.path("tally").isTextual() || !body.path("add").canConvertToLong()) {
            throw new PoisonMessage("a tally command needs a string 'tally' and a number 'add'");
        }
        Uni<Void> held = Uni.createFrom().voidItem();
        if (body.path("hold").isTextual()) {
            var context = io.vertx.core.Vertx.currentContext();
            held = Uni.createFrom().completionStage(HOLDS.computeIfAbsent(body.get("hold").asText(), name -> new CompletableFuture<>()))
                    .emitOn(task -> context.runOnContext(v -> task.run()));
        }
        return held.flatMap(v -> batch.transact(CommandContext.by("tally-commands"), work -> work.execute(Tallies.TYPE,
                        body.get("tally").asText(), ExpectedVersion.ANY, new Tally.Add(body.get("add").asLong())))
                .replaceWithVoid());
    }
}
