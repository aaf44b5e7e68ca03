package dev.incidentlifecycle.eventstore.consuming;

import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.tally.Tallies;
import dev.incidentlifecycle.eventstore.tally.TallyCommands;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;
import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "event_store_test"))
class PartitionedConsumerTest {

    @Inject
    EventStore store;

    @BeforeAll
    static void topics() {
        RealInfrastructure.kafka().createTopics(Map.of("tally-commands", 2, "tally-commands.dlq", 1, "tally-events", 3,
                HELD_TOPIC, 2, HELD_TOPIC + ".dlq", 1, GATHERED_TOPIC, 1, GATHERED_TOPIC + ".dlq", 1));
    }

    /** A topic of its own with two partitions, whatever an earlier test made of tally-commands. */
    static final String HELD_TOPIC = "tally-commands-held";
    /** One partition, so that every record of a burst is in the same partition's batches. */
    static final String GATHERED_TOPIC = "tally-commands-gathered";

    @Inject
    MeterRegistry meters;

    @Inject
    TallyCommands tallyCommands;

    @Inject
    Vertx vertx;

    @Inject
    io.opentelemetry.api.trace.Tracer tracer;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    long total(String tally) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> store.load(Tallies.TYPE, tally)).state().total();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static ProducerRecord<String, byte[]> command(String key, String json) {
        return new ProducerRecord<>("tally-commands", key, json.getBytes(StandardCharsets.UTF_8));
    }

    static List<ConsumerRecord<String, byte[]>> withKey(KafkaTopic topic, String key) {
        return topic.records().stream().filter(r -> key.equals(r.key())).toList();
    }

    double counter(String name) {
        var counter = meters.find(name).tag("topic", "tally-commands").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void poison_records_go_to_the_dead_letter_topic_with_their_reason_and_the_next_records_are_handled() {
        String tally = UUID.randomUUID().toString();
        double deadLettered = counter("messages_dead_lettered");
        try (KafkaTopic dlq = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "tally-commands.dlq")) {
            RealInfrastructure.produce(
                    command(tally, "{\"tally\": \"" + tally + "\", \"add\": 1}"),
                    command(tally, "this is not json"),
                    command(tally, "{\"tally\": \"" + tally + "\", \"add\": \"many\"}"),
                    command(tally, "{\"tally\": \"" + tally + "\", \"add\": 0}"),
                    command(tally, "{\"tally\": \"" + tally + "\", \"add\": 2}"));

            await().atMost(Duration.ofSeconds(30)).until(() -> total(tally) == 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> withKey(dlq.poll(), tally).size() == 3);
            List<String> reasons = withKey(dlq, tally).stream().map(r -> KafkaTopic.header(r, "dead-letter-reason")).toList();
            assertThat(reasons).satisfiesExactly(
                    r -> assertThat(r).contains("not JSON"),
                    r -> assertThat(r).contains("needs a string 'tally' and a number 'add'"),
                    r -> assertThat(r).contains("amount must be positive"));
            assertThat(new String(withKey(dlq, tally).get(0).value(), StandardCharsets.UTF_8)).isEqualTo("this is not json");
            assertThat(counter("messages_dead_lettered") - deadLettered).isEqualTo(3);
        }
    }

    @Test
    void full_batches_of_messages_the_handler_skips_are_passed_and_the_record_after_them_is_handled() {
        String tally = UUID.randomUUID().toString();
        double deadLettered = counter("messages_dead_lettered");
        double retried = counter("messages_retried");
        // Four polls' worth of records on one partition that the handler skips without a round trip, as a consumer
        // skips event types it does not read or finds the incident in its session already: each batch is a long run
        // of handlers that finish at once, each after a few dozen steps (review-service's batches of this shape once
        // overflowed the event loop's stack, and the batch then never ended).
        @SuppressWarnings("unchecked")
        ProducerRecord<String, byte[]>[] records = new ProducerRecord[2_001];
        for (int i = 0; i < 2_000; i++) {
            records[i] = command(tally, "{\"ignore\": true, \"depth\": 40}");
        }
        records[2_000] = command(tally, "{\"tally\": \"" + tally + "\", \"add\": 3}");
        RealInfrastructure.produce(records);

        await().atMost(Duration.ofSeconds(60)).until(() -> total(tally) == 3);
        assertThat(counter("messages_dead_lettered") - deadLettered).isZero();
        assertThat(counter("messages_retried") - retried).isZero();
    }

    @Test
    void a_record_that_fails_the_same_way_every_time_is_dead_lettered_not_retried_forever() {
        String tally = UUID.randomUUID().toString();
        try (KafkaTopic dlq = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "tally-commands.dlq")) {
            RealInfrastructure.produce(
                    command(tally, "{\"tally\": \"" + tally + "\", \"add\": 5}"),
                    command(tally, "{\"tally\": \"" + tally + "\", \"add\": " + Long.MAX_VALUE + "}"),
                    command(tally, "{\"tally\": \"" + tally + "\", \"add\": 2}"));

            await().atMost(Duration.ofSeconds(30)).until(() -> total(tally) == 7);
            await().atMost(Duration.ofSeconds(30)).until(() -> withKey(dlq.poll(), tally).size() == 1);
            assertThat(KafkaTopic.header(withKey(dlq, tally).get(0), "dead-letter-reason"))
                    .contains("cannot be handled").contains("ArithmeticException").contains("overflow");
        }
    }

    @Test
    void the_same_message_delivered_twice_is_applied_once() {
        String tally = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            headers.add("ce_id", messageId.getBytes(StandardCharsets.UTF_8));
            headers.add("ce_type", "tally.add-requested".getBytes(StandardCharsets.UTF_8));
            headers.add("ce_source", "/test".getBytes(StandardCharsets.UTF_8));
            RealInfrastructure.produce(new ProducerRecord<>("tally-commands", null, tally,
                    ("{\"tally\": \"" + tally + "\", \"add\": 5}").getBytes(StandardCharsets.UTF_8), headers));
        }
        String marker = UUID.randomUUID().toString();
        RealInfrastructure.produce(command(tally, "{\"tally\": \"" + marker + "\", \"add\": 1}"));

        // The marker follows both copies on the same partition: once it is handled, so are they.
        await().atMost(Duration.ofSeconds(30)).until(() -> total(marker) == 1);
        assertThat(total(tally)).isEqualTo(5);
    }

    @Test
    void while_the_database_is_down_for_90_seconds_records_wait_the_service_stays_live_and_none_is_lost_or_dead_lettered() {
        String tally = UUID.randomUUID().toString();
        double deadLettered = counter("messages_dead_lettered");
        double retried = counter("messages_retried");
        RealInfrastructure.postgres().stopServer();
        try {
            for (int i = 0; i < 20; i++) {
                RealInfrastructure.produce(command(tally, "{\"tally\": \"" + tally + "\", \"add\": 1}"));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> counter("messages_retried") > retried);
            await().atMost(Duration.ofSeconds(30)).until(() -> health("ready") == 503);
            // Longer than a liveness probe's patience: the consumer waits, it does not die.
            await().during(Duration.ofSeconds(90)).atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofSeconds(5))
                    .until(() -> health("live") == 200);
        } finally {
            RealInfrastructure.postgres().startServer();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> total(tally) == 20);
        await().atMost(Duration.ofSeconds(30)).until(() -> health("ready") == 200);
        assertThat(counter("messages_dead_lettered")).isEqualTo(deadLettered);
    }

    static int health(String check) {
        return io.restassured.RestAssured.get("/q/health/" + check).statusCode();
    }

    @Test
    void a_second_instance_joining_and_leaving_mid_stream_loses_nothing_and_applies_nothing_twice() {
        List<String> tallies = java.util.stream.IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID().toString()).toList();
        PartitionedConsumer<IncomingMessage> second = new PartitionedConsumer<>(tallyCommands, kafka, store, vertx, meters, tracer);
        try {
            for (int round = 0; round < 50; round++) {
                if (round == 10) {
                    second.start(); // the group rebalances: partitions move while records flow
                }
                ProducerRecord<String, byte[]>[] records = tallies.stream()
                        .map(t -> command(t, "{\"tally\": \"" + t + "\", \"add\": 1}")).toArray(ProducerRecord[]::new);
                RealInfrastructure.produce(records);
                if (round == 30) {
                    second.stop(); // and back
                }
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> tallies.stream().allMatch(t -> total(t) >= 50));
            assertThat(tallies).allSatisfy(t -> assertThat(total(t)).isEqualTo(50));
        } finally {
            second.stop();
        }
    }

    @Test
    void a_slow_batch_on_one_partition_does_not_hold_up_the_others() {
        MessageHandler tallies = new MessageHandler() {
            @Override
            public Subscription subscription() {
                return new Subscription("held-tallies", HELD_TOPIC, "held-tallies");
            }

            @Override
            public io.smallrye.mutiny.Uni<Void> handle(IncomingMessage message, InBatch batch) {
                return tallyCommands.handle(message, batch);
            }
        };
        PartitionedConsumer<IncomingMessage> consumer = new PartitionedConsumer<>(tallies, kafka, store, vertx, meters, tracer);
        consumer.start();
        String hold = UUID.randomUUID().toString();
        String slow = UUID.randomUUID().toString();
        try {
            RealInfrastructure.produce(new ProducerRecord<>(HELD_TOPIC, 0, slow,
                    ("{\"tally\": \"" + slow + "\", \"add\": 1, \"hold\": \"" + hold + "\"}").getBytes(StandardCharsets.UTF_8)));
            await().atMost(Duration.ofSeconds(60)).until(() -> TallyCommands.HOLDS.containsKey(hold));
            List<String> others = java.util.stream.IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID().toString()).toList();
            for (String other : others) {
                RealInfrastructure.produce(new ProducerRecord<>(HELD_TOPIC, 1, other,
                        ("{\"tally\": \"" + other + "\", \"add\": 1}").getBytes(StandardCharsets.UTF_8)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> others.stream().allMatch(t -> total(t) == 1));
            assertThat(total(slow)).isZero();
            TallyCommands.HOLDS.get(hold).complete(null);
            await().atMost(Duration.ofSeconds(30)).until(() -> total(slow) == 1);
        } finally {
            TallyCommands.HOLDS.computeIfAbsent(hold, name -> new java.util.concurrent.CompletableFuture<>()).complete(null);
            consumer.stop();
        }
    }

    @Test
    void a_consumer_that_gathers_handles_a_burst_in_a_few_batches_and_a_lone_record_after_its_wait() {
        List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        MessageHandler gathering = new MessageHandler() {
            @Override
            public Subscription subscription() {
                return new Subscription("gathered-tallies", GATHERED_TOPIC, "gathered-tallies", Duration.ofSeconds(2));
            }

            @Override
            public io.smallrye.mutiny.Uni<Void> handle(IncomingMessage message, InBatch batch) {
                return tallyCommands.handle(message, batch);
            }

            @Override
            public io.smallrye.mutiny.Uni<Void> handle(dev.incidentlifecycle.eventstore.UnitOfWork work, int partition,
                                                       List<BatchHandler.Read<IncomingMessage>> batch) {
                batchSizes.add(batch.size());
                return MessageHandler.super.handle(work, partition, batch);
            }
        };
        PartitionedConsumer<IncomingMessage> consumer = new PartitionedConsumer<>(gathering, kafka, store, vertx, meters, tracer);
        consumer.start();
        String tally = UUID.randomUUID().toString();
        try {
            // The consumer is in its group and positioned once a first record is handled.
            RealInfrastructure.produce(new ProducerRecord<>(GATHERED_TOPIC, tally,
                    ("{\"tally\": \"" + tally + "\", \"add\": 1}").getBytes(StandardCharsets.UTF_8)));
            await().atMost(Duration.ofSeconds(60)).until(() -> total(tally) == 1);
            batchSizes.clear();

            // A hundred records sent one after another, each acknowledged before the next: a consumer that hands
            // records over as they arrive runs many small batches; this one waits for the broker to gather them.
            @SuppressWarnings("unchecked")
            ProducerRecord<String, byte[]>[] burst = java.util.stream.IntStream.range(0, 100)
                    .mapToObj(i -> new ProducerRecord<>(GATHERED_TOPIC, tally,
                            ("{\"tally\": \"" + tally + "\", \"add\": 1}").getBytes(StandardCharsets.UTF_8)))
                    .toArray(ProducerRecord[]::new);
            RealInfrastructure.produce(burst);
            await().atMost(Duration.ofSeconds(60)).until(() -> total(tally) == 101);
            assertThat(batchSizes).as("batches of the burst").hasSizeLessThanOrEqualTo(3);

            // Far fewer bytes than the fetch waits for: the broker hands it over when the wait is up.
            RealInfrastructure.produce(new ProducerRecord<>(GATHERED_TOPIC, tally,
                    ("{\"tally\": \"" + tally + "\", \"add\": 1}").getBytes(StandardCharsets.UTF_8)));
            await().atMost(Duration.ofSeconds(30)).until(() -> total(tally) == 102);
        } finally {
            consumer.stop();
        }
    }

    @Test
    void a_subscription_refuses_a_negative_gathering_wait() {
        assertThatThrownBy(() -> new Subscription("c", "t", "g", Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gather");
    }

    @Test
    void a_batch_that_starts_from_a_position_no_longer_stored_cannot_commit() throws Throwable {
        Subscription subscription = new Subscription("fencing-test-" + UUID.randomUUID(), "tally-commands", "fencing-test");
        VertxContextSupport.subscribeAndAwait(() -> store.transact(CommandContext.by("test"),
                work -> ConsumedPositions.advance(work, subscription, 0, null, 10)));
        // An instance that lost the partition still thinks it is at offset 4.
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> store.transact(CommandContext.by("test"),
                work -> ConsumedPositions.advance(work, subscription, 0, 4L, 12))))
                .isInstanceOf(ConsumedPositions.Fenced.class);
        // Another that also starts the partition afresh cannot either.
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> store.transact(CommandContext.by("test"),
                work -> ConsumedPositions.advance(work, subscription, 0, null, 3))))
                .isInstanceOf(ConsumedPositions.Fenced.class);
        Map<Integer, Long> stored = VertxContextSupport.subscribeAndAwait(() -> store.transact(CommandContext.by("test"),
                work -> ConsumedPositions.read(work.session(), subscription, List.of(0, 1))));
        assertThat(stored).containsExactly(Map.entry(0, 10L));
    }
}
