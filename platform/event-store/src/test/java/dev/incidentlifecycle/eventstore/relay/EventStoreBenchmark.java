package dev.incidentlifecycle.eventstore.relay;

import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.tally.Tallies;
import dev.incidentlifecycle.eventstore.tally.Tally;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * Prints the event store's throughput on this machine; asserts nothing about time.
 * {@code ./mvnw -B verify -Pbenchmark -pl platform/event-store -am}
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "event_store_test"))
class EventStoreBenchmark {

    @Inject
    EventStore store;

    @Inject
    EventRelay relay;

    /** Runs {@code appends} single-event commands over {@code streams} streams, {@code concurrency} at a time. */
    double appendsPerSecond(int appends, List<String> streams, int concurrency) throws Throwable {
        long start = System.nanoTime();
        VertxContextSupport.subscribeAndAwait(() -> Multi.createFrom().range(0, appends)
                .onItem().transformToUni(i -> store.execute(Tallies.TYPE, streams.get(i % streams.size()), ExpectedVersion.ANY,
                        new Tally.Add(1), CommandContext.by("benchmark")))
                .merge(concurrency)
                .collect().last()
                .replaceWithVoid());
        return appends / ((System.nanoTime() - start) / 1e9);
    }

    @Test
    void appends_and_relay_publishes_per_second() throws Throwable {
        appendsPerSecond(500, List.of(UUID.randomUUID().toString()), 1); // warm-up

        relay.stop(null);
        double oneStream = appendsPerSecond(5_000, List.of(UUID.randomUUID().toString()), 1);
        double oneStreamContended = appendsPerSecond(2_000, List.of(UUID.randomUUID().toString()), 8);
        List<String> streams = IntStream.range(0, 1_000).mapToObj(i -> UUID.randomUUID().toString()).toList();
        double manyStreams = appendsPerSecond(20_000, streams, 16);

        long start = System.nanoTime();
        relay.start(null);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> relay.isLeader() && relay.published() >= 27_500);
        double publishes = relay.published() / ((System.nanoTime() - start) / 1e9);
        System.out.printf("%nevent store on this machine (%d cores):%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("  appends/s, one stream, one writer:          %,10.0f%n", oneStream);
        System.out.printf("  appends/s, one stream, 8 writers (retries): %,10.0f%n", oneStreamContended);
        System.out.printf("  appends/s, 1,000 streams, 16 writers:       %,10.0f%n", manyStreams);
        System.out.printf("  relay publishes/s (27,500 events backlog):  %,10.0f%n%n", publishes);
    }
}
