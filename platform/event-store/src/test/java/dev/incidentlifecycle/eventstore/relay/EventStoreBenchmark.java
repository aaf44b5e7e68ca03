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
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
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

    @BeforeAll
    static void topics() {
        RealInfrastructure.kafka().createTopics(Map.of("tally-commands", 2, "tally-commands.dlq", 1, "tally-events", 3));
    }

    @Inject
    EventRelay relay;

    @Inject
    RelayConfig config;

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
        System.out.printf("%nevent store on this machine (%d cores):%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("  appends/s, one stream, one writer:          %,10.0f%n", oneStream);
        System.out.printf("  appends/s, one stream, 8 writers (retries): %,10.0f%n", oneStreamContended);
        System.out.printf("  appends/s, 1,000 streams, 16 writers:       %,10.0f%n%n", manyStreams);
        relay.start(null);
    }

    /**
     * The relay draining a backlog, against a raw transactional producer sending the very records the relay sent
     * (same sizes, same headers, same producer settings, same records per transaction) on the same broker.
     */
    @Test
    void relay_publishes_per_second_against_a_raw_transactional_producer() throws Exception {
        relayAgainstRawProducer(5, false); // warm-up of both, so neither is measured cold
        relayAgainstRawProducer(50, true);
    }

    /** Drains a backlog of {@code perStream} events on each of 1,000 streams through the relay, then the raw producer. */
    void relayAgainstRawProducer(int perStream, boolean print) throws Exception {
        relay.stop(null);
        try (Connection connection = jdbc(); Statement st = connection.createStatement()) {
            // More backlog, written the way a batched append would: one statement, one transaction.
            st.executeUpdate("insert into event_log (event_id, stream_type, stream_id, stream_version, event_type, event_version, "
                    + "payload, actor, occurred_at, recorded_at, correlation_id, causation_id, trace_parent) "
                    + "select gen_random_uuid(), 'tally', 'tally-' || s.stream, v, 'tally.added', 2, cast('{\"amount\": 1}' as jsonb), "
                    + "'benchmark', now(), now(), cast(gen_random_uuid() as text), cast(gen_random_uuid() as text), "
                    + "'00-' || md5(random()::text) || '-' || substr(md5(random()::text), 1, 16) || '-01' "
                    + "from generate_series(1, " + perStream + ") v, (select cast(gen_random_uuid() as text) as stream from generate_series(1, 1000)) s");
        }
        long backlog = backlog();
        Map<TopicPartition, Long> relayedFrom = endOffsets("tally-events");

        long target = relay.published() + backlog;
        relay.start(null);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(1)).until(relay::isLeader);
        long start = System.nanoTime();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(5)).until(() -> relay.published() >= target);
        double relayRate = backlog / ((System.nanoTime() - start) / 1e9);

        List<ProducerRecord<String, byte[]>> records = recordsSince(relayedFrom);
        double averageBytes = records.stream().mapToLong(EventStoreBenchmark::size).average().orElse(0);
        double rawRate = rawTransactionalProducer("tally-events-raw", records);
        if (!print) {
            return;
        }

        System.out.printf("relay against a raw transactional producer (same broker, the same %,d records, %d per transaction, %.0f bytes each on average):%n",
                records.size(), config.batchSize(), averageBytes);
        System.out.printf("  raw transactional producer, records/s:      %,10.0f%n", rawRate);
        System.out.printf("  relay publishes/s (backlog of %,d):     %,10.0f   ratio %.0f %% of raw (target >= 50 %%)%n",
                backlog, relayRate, 100 * relayRate / rawRate);
        System.out.printf("database durability: fsync=%s, synchronous_commit=%s%n%n", setting("fsync"), setting("synchronous_commit"));
    }

    double rawTransactionalProducer(String topic, List<ProducerRecord<String, byte[]>> records) throws Exception {
        RealInfrastructure.kafka().createTopics(Map.of(topic, 3));
        try (KafkaProducer<String, byte[]> producer = BatchPublisher.producer(Map.of("bootstrap.servers", RealInfrastructure.bootstrapServers()), "benchmark-raw-" + UUID.randomUUID())) {
            producer.initTransactions();
            long start = System.nanoTime();
            for (int from = 0; from < records.size(); from += config.batchSize()) {
                producer.beginTransaction();
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (ProducerRecord<String, byte[]> record : records.subList(from, Math.min(records.size(), from + config.batchSize()))) {
                    sent.add(producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers())));
                }
                producer.commitTransaction();
                for (Future<RecordMetadata> f : sent) {
                    f.get();
                }
            }
            return records.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Events the relay has still to publish: the published stream type, after the checkpoint its stop wrote. */
    long backlog() throws SQLException {
        try (Connection connection = jdbc(); Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "select count(*) from event_log e where stream_type = 'tally' and not exists (select 1 from relay_checkpoint c "
                        + "where c.relay = 'tally' and (c.transaction_id, c.global_position) >= (e.transaction_id, e.global_position))")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    List<ProducerRecord<String, byte[]>> recordsSince(Map<TopicPartition, Long> from) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> ends = consumer.endOffsets(from.keySet());
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    records.add(new ProducerRecord<>(r.topic(), null, new String(r.key(), StandardCharsets.UTF_8), r.value(), r.headers()));
                }
            }
        }
        return records;
    }

    static KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static long size(ProducerRecord<String, byte[]> record) {
        long size = record.key().length() + record.value().length;
        for (Header header : record.headers()) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    String setting(String name) throws SQLException {
        try (Connection connection = jdbc(); Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static Connection jdbc() throws SQLException {
        return EventRelayTest.jdbc();
    }
}
