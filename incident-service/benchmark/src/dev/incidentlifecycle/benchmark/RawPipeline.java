package dev.incidentlifecycle.benchmark;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the broker and the database can do with no service logic in between, on the same machine and at the same
 * time as the rest of the run: the yardsticks the service's figures are divided by.
 */
final class RawPipeline {

    /** Scratch schema; dropped after the run. */
    static final String SCHEMA = "benchmark_raw";
    /** Records per poll and per transaction: the service consumer's and the relay's batch size. */
    static final int BATCH = 500;

    // event_log as platform/event-store's V1__event_store.sql creates it: same columns, keys and indexes.
    private static final String EVENT_LOG = """
            create table %s.event_log (
                global_position bigserial   primary key,
                transaction_id  xid8        not null default pg_current_xact_id(),
                event_id        uuid        not null unique,
                stream_type     text        not null,
                stream_id       text        not null,
                stream_version  bigint      not null,
                event_type      text        not null,
                event_version   integer     not null,
                payload         jsonb       not null,
                actor           text        not null,
                occurred_at     timestamptz not null,
                recorded_at     timestamptz not null,
                correlation_id  text,
                causation_id    text,
                trace_parent    text,
                constraint event_log_stream_version unique (stream_id, stream_version)
            )""".formatted(SCHEMA);

    private final RunningSystem system;
    private final String run;

    RawPipeline(RunningSystem system, String run) {
        this.system = system;
        this.run = run;
    }

    /**
     * Records/s of: a plain KafkaConsumer (500-record polls, read_committed) → one JDBC batch insert per poll
     * ({@code reWriteBatchedInserts=true}) into an event-log-shaped table → commit → {@code commitAsync}.
     * The topic is filled with {@code records} alert bodies first (not timed).
     */
    double consumerToDatabase(int records, int partitions) throws Exception {
        String topic = "benchmark-raw-" + run;
        system.createTopic(topic, partitions);
        try (Connection setup = system.database(); Statement statement = setup.createStatement()) {
            statement.execute("drop schema if exists " + SCHEMA + " cascade");
            statement.execute("create schema " + SCHEMA);
            statement.execute(EVENT_LOG);
            // The event log's indexes as the services have them (event-store migrations V1, V1_2, V1_4).
            statement.execute("create index event_log_by_type_and_transaction on " + SCHEMA
                    + ".event_log (stream_type, transaction_id, global_position)");
        }
        try {
            fill(topic, records);
            return drain(topic, records);
        } finally {
            system.deleteTopics(List.of(topic));
            try (Connection cleanup = system.database(); Statement statement = cleanup.createStatement()) {
                statement.execute("drop schema if exists " + SCHEMA + " cascade");
            }
        }
    }

    private void fill(String topic, int records) throws Exception {
        try (KafkaProducer<String, byte[]> producer = system.producer()) {
            List<Future<?>> acks = new ArrayList<>(records);
            for (int i = 0; i < records; i++) {
                String key = "raw-" + (i % 1_000);
                acks.add(producer.send(new ProducerRecord<>(topic, key,
                        Alerts.trigger(key, "critical", "raw-service-" + (i % 10), "Raw alert " + key))));
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
        }
    }

    private double drain(String topic, int records) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(BATCH));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        String insert = "insert into " + SCHEMA + ".event_log (event_id, stream_type, stream_id, stream_version, event_type, "
                + "event_version, payload, actor, occurred_at, recorded_at, correlation_id) "
                + "values (?, 'alert', ?, ?, 'alert.triggered', 1, cast(? as jsonb), 'benchmark', ?, ?, ?)";
        Map<String, Long> versions = new HashMap<>();
        int consumed = 0;
        long start = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
                Connection connection = system.database("reWriteBatchedInserts=true");
                PreparedStatement statement = connection.prepareStatement(insert)) {
            connection.setAutoCommit(false);
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (consumed < records) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The raw consumer read only " + consumed + " of " + records + " records in 5 minutes");
                }
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(200));
                if (batch.isEmpty()) {
                    continue;
                }
                if (start == 0) {
                    start = System.nanoTime();
                }
                Timestamp now = Timestamp.from(Instant.now());
                for (ConsumerRecord<String, byte[]> record : batch) {
                    String stream = "alert-" + record.key();
                    statement.setObject(1, UUID.randomUUID());
                    statement.setString(2, stream);
                    statement.setLong(3, versions.merge(stream, 1L, Long::sum));
                    statement.setString(4, new String(record.value(), StandardCharsets.UTF_8));
                    statement.setTimestamp(5, now);
                    statement.setTimestamp(6, now);
                    statement.setString(7, record.topic() + "/" + record.partition() + "/" + record.offset());
                    statement.addBatch();
                }
                statement.executeBatch();
                connection.commit();
                consumer.commitAsync();
                consumed += batch.count();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            consumer.commitSync();
            return consumed / seconds;
        }
    }

    /**
     * Records/s of a transactional KafkaProducer (idempotent, acks=all) sending CloudEvent-sized records with
     * CloudEvents headers in transactions of {@value #BATCH}, each committed before the next begins: what the relay
     * does without reading a database.
     */
    double transactionalProducer(int records, int partitions) throws Exception {
        String topic = "benchmark-raw-tx-" + run;
        system.createTopic(topic, partitions);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        byte[] payload = ("{\"incidentId\":\"" + UUID.randomUUID() + "\",\"alertId\":\"" + UUID.randomUUID()
                + "\",\"dedupKey\":\"raw-dedup-key-0000\",\"severity\":\"critical\",\"summary\":\"Raw incident event\","
                + "\"attachedAt\":\"2026-12-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            long start = System.nanoTime();
            for (int sent = 0; sent < records; ) {
                producer.beginTransaction();
                int end = Math.min(records, sent + BATCH);
                for (; sent < end; sent++) {
                    String key = UUID.nameUUIDFromBytes(Integer.toString(sent % 5_000).getBytes(StandardCharsets.UTF_8)).toString();
                    producer.send(new ProducerRecord<>(topic, null, key, payload, cloudEventHeaders(sent)));
                }
                producer.commitTransaction();
            }
            return records / ((System.nanoTime() - start) / 1e9);
        } finally {
            system.deleteTopics(List.of(topic));
        }
    }

    private static RecordHeaders cloudEventHeaders(int sequence) {
        RecordHeaders headers = new RecordHeaders();
        String[][] values = {
                {"ce_specversion", "1.0"}, {"ce_id", UUID.randomUUID().toString()}, {"ce_type", "incident.alert-attached"},
                {"ce_source", "/incident-service"}, {"ce_subject", "raw"}, {"ce_time", "2026-12-01T00:00:00Z"},
                {"ce_recordedtime", "2026-12-01T00:00:00Z"}, {"ce_actor", "system:alerts"},
                {"ce_sequence", Integer.toString(sequence)}, {"content-type", "application/json"}};
        for (String[] value : values) {
            headers.add(value[0], value[1].getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }
}
