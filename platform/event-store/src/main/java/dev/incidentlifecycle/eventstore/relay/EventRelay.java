package dev.incidentlifecycle.eventstore.relay;

import dev.incidentlifecycle.eventstore.TraceParent;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the event log to Kafka, one CloudEvent per event, keyed by aggregate id.
 *
 * <p>Why it is built this way:
 * <ul>
 *   <li>It reads only events written by transactions older than every running one
 *       ({@code transaction_id < pg_snapshot_xmin(pg_current_snapshot())}), in (transaction, sequence) order,
 *       so an event whose transaction commits after one with a later sequence number is never skipped.</li>
 *   <li>One instance relays at a time: it holds a PostgreSQL advisory lock on its own connection. If its
 *       process dies the connection closes and another instance takes over within {@code standby-retry}.</li>
 *   <li>Each batch is one Kafka transaction with a fixed transactional id: a new relay fences the old one,
 *       and a half-sent batch of a crashed relay is aborted, never seen by {@code read_committed} consumers.</li>
 *   <li>Every record carries its log position; a relay taking over starts after the furthest of its
 *       checkpoint and what Kafka already holds, so a crash between a Kafka commit and the checkpoint
 *       update does not publish that batch twice.</li>
 * </ul>
 * Reading uses plain JDBC on a dedicated thread: it is one long-lived loop that owns one connection,
 * not request work.
 */
@ApplicationScoped
public class EventRelay {

    private static final Logger LOG = Logger.getLogger(EventRelay.class);
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final RelayConfig config;
    private final String bootstrapServers;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong lag = new AtomicLong();
    private volatile boolean leader;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile LogPosition position = LogPosition.START;

    EventRelay(RelayConfig config,
               @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
               @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
               @ConfigProperty(name = "quarkus.datasource.username") String username,
               @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password,
               MeterRegistry meters) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        FunctionCounter.builder("event_relay_published", published, AtomicLong::get)
                .description("Events published to Kafka by this instance").register(meters);
        Gauge.builder("event_relay_leader", this, r -> r.leader ? 1 : 0)
                .description("1 when this instance is the one relaying").register(meters);
        Gauge.builder("event_relay_lag", lag, AtomicLong::get)
                .description("Events in the log not yet published (approximate, on the relaying instance)").register(meters);
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            LOG.info("event relay disabled on this instance");
            return;
        }
        running = true;
        thread = new Thread(this::run, "event-relay-" + config.name());
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                // The loop sees the flag within one idle wait; interrupting it while Kafka's producer closes
                // makes the producer log an error, so interrupt only one that does not stop by itself.
                t.join(config.standbyRetry().toMillis() + 5_000);
                if (t.isAlive()) {
                    t.interrupt();
                    t.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isLeader() {
        return leader;
    }

    public long lag() {
        return lag.get();
    }

    /** Events this instance has published since it started. */
    public long published() {
        return published.get();
    }

    private void run() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password)) {
                if (!tryLead(connection)) {
                    pause(config.standbyRetry());
                    continue;
                }
                try (KafkaProducer<String, byte[]> producer = producer()) {
                    producer.initTransactions();
                    position = readCheckpoint(connection).max(publishedInKafka());
                    leader = true;
                    LOG.infof("relay %s leads, publishing after log position %s", config.name(), position);
                    relay(connection, producer);
                } finally {
                    leader = false;
                }
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("relay %s stopped (%s); retrying", config.name(), e.toString());
                    pause(config.standbyRetry());
                }
            }
        }
    }

    private void relay(Connection connection, KafkaProducer<String, byte[]> producer) throws SQLException {
        while (running) {
            List<LogEvent> batch = readBatch(connection);
            if (batch.isEmpty()) {
                lag.set(0);
                pause(config.idleWait());
                continue;
            }
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>(batch.size());
            for (LogEvent event : batch) {
                String topic = config.topics().get(event.streamType);
                if (topic != null) {
                    records.add(event.toRecord(topic, config.source()));
                }
            }
            if (!records.isEmpty()) {
                publish(producer, records);
            }
            position = batch.get(batch.size() - 1).position;
            writeCheckpoint(connection);
            published.addAndGet(records.size());
            lag.set(Math.max(0, latestPosition(connection) - position.globalPosition()));
        }
    }

    private void publish(KafkaProducer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records) {
        producer.beginTransaction();
        try {
            List<Future<?>> sent = new ArrayList<>(records.size());
            for (ProducerRecord<String, byte[]> record : records) {
                sent.add(producer.send(record));
            }
            producer.commitTransaction();
            for (Future<?> f : sent) {
                f.get();
            }
        } catch (Exception e) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException abort) {
                e.addSuppressed(abort);
            }
            throw new IllegalStateException("publishing a batch failed", e);
        }
    }

    private boolean tryLead(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
            lock.setString(1, "event-relay:" + config.name());
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private List<LogEvent> readBatch(Connection connection) throws SQLException {
        // Output names must not shadow the columns: "order by transaction_id" would otherwise sort the text cast.
        String sql = "select global_position, cast(transaction_id as text) as transaction_text, cast(event_id as text), stream_type, stream_id, "
                + "stream_version, event_type, event_version, cast(payload as text), actor, occurred_at, recorded_at, "
                + "correlation_id, causation_id, trace_parent from event_log "
                + "where (transaction_id, global_position) > (cast(? as xid8), ?) "
                + "and transaction_id < pg_snapshot_xmin(pg_current_snapshot()) "
                + "order by event_log.transaction_id, event_log.global_position limit ?";
        try (PreparedStatement read = connection.prepareStatement(sql)) {
            read.setString(1, Long.toString(position.transactionId()));
            read.setLong(2, position.globalPosition());
            read.setInt(3, config.batchSize());
            List<LogEvent> batch = new ArrayList<>();
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    batch.add(new LogEvent(
                            new LogPosition(Long.parseLong(rs.getString(2)), rs.getLong(1)),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getString(7),
                            rs.getInt(8), rs.getString(9), rs.getString(10), rs.getObject(11, OffsetDateTime.class),
                            rs.getObject(12, OffsetDateTime.class), rs.getString(13), rs.getString(14), rs.getString(15)));
                }
            }
            return batch;
        }
    }

    private LogPosition readCheckpoint(Connection connection) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(
                "select cast(transaction_id as text), global_position from relay_checkpoint where relay = ?")) {
            read.setString(1, config.name());
            try (ResultSet rs = read.executeQuery()) {
                return rs.next() ? new LogPosition(Long.parseLong(rs.getString(1)), rs.getLong(2)) : LogPosition.START;
            }
        }
    }

    private void writeCheckpoint(Connection connection) throws SQLException {
        try (PreparedStatement write = connection.prepareStatement(
                "insert into relay_checkpoint (relay, transaction_id, global_position, updated_at) values (?, cast(? as xid8), ?, now()) "
                        + "on conflict (relay) do update set transaction_id = excluded.transaction_id, "
                        + "global_position = excluded.global_position, updated_at = excluded.updated_at")) {
            write.setString(1, config.name());
            write.setString(2, Long.toString(position.transactionId()));
            write.setLong(3, position.globalPosition());
            write.executeUpdate();
        }
    }

    private long latestPosition(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("select coalesce(max(global_position), 0) from event_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The furthest log position already committed to any of the relay's topics. */
    private LogPosition publishedInKafka() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        LogPosition furthest = LogPosition.START;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : config.topics().values().stream().distinct().toList()) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, Duration.ofSeconds(10));
            consumer.assign(partitions);
            for (TopicPartition partition : partitions) {
                furthest = furthest.max(lastPositionIn(consumer, partition, begins.get(partition), ends.get(partition)));
            }
        }
        return furthest;
    }

    /**
     * Reads backwards in growing windows until a committed record is found: the tail of a partition may
     * hold transaction markers and aborted records, which read_committed skips.
     */
    private static LogPosition lastPositionIn(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long begin, long end) {
        consumer.pause(consumer.assignment());
        consumer.resume(List.of(partition));
        for (long window = 16; ; window *= 4) {
            long from = Math.max(begin, end - window);
            consumer.seek(partition, from);
            LogPosition last = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header header = record.headers().lastHeader(LogPosition.HEADER);
                    if (header != null) {
                        LogPosition p = LogPosition.parse(new String(header.value(), StandardCharsets.UTF_8));
                        last = last == null ? p : last.max(p);
                    }
                }
            }
            if (last != null) {
                return last;
            }
            if (from == begin) {
                return LogPosition.START;
            }
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "event-relay-" + config.name());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "event-relay-" + config.name());
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** One event as the relay reads it. */
    private record LogEvent(LogPosition position, String eventId, String streamType, String streamId, long streamVersion,
                            String type, int typeVersion, String payload, String actor, OffsetDateTime occurredAt,
                            OffsetDateTime recordedAt, String correlationId, String causationId, String traceParent) {

        /** A CloudEvents 1.0 record in Kafka binary mode. */
        ProducerRecord<String, byte[]> toRecord(String topic, String source) {
            String aggregateId = streamId.substring(streamType.length() + 1);
            RecordHeaders headers = new RecordHeaders();
            header(headers, "ce_specversion", "1.0");
            header(headers, "ce_id", eventId);
            header(headers, "ce_source", source);
            header(headers, "ce_type", type);
            header(headers, "ce_subject", aggregateId);
            header(headers, "ce_time", RFC3339.format(occurredAt));
            header(headers, "content-type", "application/json");
            header(headers, "ce_dataversion", Integer.toString(typeVersion));
            header(headers, "ce_sequence", Long.toString(streamVersion));
            header(headers, "ce_actor", actor);
            header(headers, "ce_recordedtime", RFC3339.format(recordedAt));
            header(headers, "ce_correlationid", correlationId);
            header(headers, "ce_causationid", causationId);
            header(headers, LogPosition.HEADER, position.toString());
            // The appending span's context: the consumer's span becomes its child, so the trace goes on.
            header(headers, TraceParent.HEADER, traceParent);
            return new ProducerRecord<>(topic, null, aggregateId, payload.getBytes(StandardCharsets.UTF_8), headers);
        }

        private static void header(RecordHeaders headers, String name, String value) {
            if (value != null) {
                headers.add(name, value.getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
