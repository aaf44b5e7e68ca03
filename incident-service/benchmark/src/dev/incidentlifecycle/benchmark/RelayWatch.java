package dev.incidentlifecycle.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How fast the relay publishes {@value RunningSystem#INCIDENT_EVENTS}: a read_committed consumer (no group) counts
 * what appears on the topic from now on, by each record's timestamp (set by the relay's producer when it sends);
 * incident-service's {@code event_relay_lag} gauge, sampled every 250 ms, says when the relay had a backlog.
 * The relay's own rate is what it publishes while it has a backlog; when it never has one, it kept up and the
 * rate it shows is only the rate events were written. The phase ends when every incident event written to the log
 * since the watch began is on the topic (or at the phase's time-out, which the figure then says): a relay that
 * stalls is never mistaken for one that kept up.
 */
final class RelayWatch {

    record Figures(long published, long written, double overallPerSecond, double busySeconds, long publishedWhileBusy,
                   double maxLag) {

        /** Whether everything written to the log in the phase reached the topic. */
        boolean caughtUp() {
            return published >= written;
        }

        /** Records/s while the relay had a backlog, or the overall rate when it never had one worth a second. */
        double perSecond() {
            return busySeconds >= 1 ? publishedWhileBusy / busySeconds : overallPerSecond;
        }

        boolean keptUp() {
            return caughtUp() && busySeconds < 1;
        }
    }

    private record LagSample(long atMillis, double lag) {
    }

    private static final String PUBLISHED_STREAMS = "from incident.event_log where stream_type = 'incident'";

    private final RunningSystem system;
    private final long logPositionAtStart;
    private final List<Long> timestamps = new ArrayList<>();
    private final List<LagSample> lags = new ArrayList<>();
    private final Thread reader;
    private final Thread sampler;
    private volatile boolean running = true;

    RelayWatch(RunningSystem system) throws Exception {
        this.system = system;
        this.logPositionAtStart = logQuery("select coalesce(max(global_position), 0) " + PUBLISHED_STREAMS);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = IntStream.range(0, system.partitions(RunningSystem.INCIDENT_EVENTS))
                .mapToObj(p -> new TopicPartition(RunningSystem.INCIDENT_EVENTS, p)).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve "end" now, before the phase writes anything
        reader = new Thread(() -> read(consumer), "relay-watch-reader");
        sampler = new Thread(this::sampleLag, "relay-watch-lag");
        reader.setDaemon(true);
        sampler.setDaemon(true);
        reader.start();
        sampler.start();
    }

    private void read(KafkaConsumer<byte[], byte[]> consumer) {
        try (consumer) {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    synchronized (timestamps) {
                        timestamps.add(record.timestamp());
                    }
                }
            }
        }
    }

    private void sampleLag() {
        while (running) {
            double lag = system.metric("event_relay_lag");
            synchronized (lags) {
                lags.add(new LagSample(System.currentTimeMillis(), lag));
            }
            LockSupport.parkNanos(250_000_000L);
        }
    }

    /** Records seen so far. */
    long published() {
        synchronized (timestamps) {
            return timestamps.size();
        }
    }

    /**
     * Waits until every incident event written to the log since the watch began has appeared on the topic (at most
     * {@code timeout}), then stops and sums up. Call it once the phase has written all it writes.
     */
    Figures settle(Duration timeout) throws Exception {
        long written = logQuery("select count(*) " + PUBLISHED_STREAMS + " and global_position > " + logPositionAtStart);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && published() < written) {
            Thread.sleep(100);
        }
        stop();
        List<Long> times;
        synchronized (timestamps) {
            times = new ArrayList<>(timestamps);
        }
        List<LagSample> samples;
        synchronized (lags) {
            samples = new ArrayList<>(lags);
        }
        times.sort(null);
        double overall = times.size() < 2 ? 0
                : times.size() / Math.max(0.001, (times.get(times.size() - 1) - times.get(0)) / 1e3);
        long busyMillis = 0;
        long whileBusy = 0;
        double maxLag = 0;
        for (int i = 0; i + 1 < samples.size(); i++) {
            LagSample from = samples.get(i);
            maxLag = Math.max(maxLag, from.lag());
            if (from.lag() <= 0) {
                continue;
            }
            long to = samples.get(i + 1).atMillis();
            long sent = times.stream().filter(t -> t >= from.atMillis() && t < to).count();
            // A lag that outlives the last incident event (the log's other streams, a checkpoint not yet written)
            // is no backlog of this phase.
            if (sent > 0) {
                busyMillis += to - from.atMillis();
                whileBusy += sent;
            }
        }
        return new Figures(times.size(), written, overall, busyMillis / 1e3, whileBusy, maxLag);
    }

    private long logQuery(String sql) throws SQLException {
        try (Connection connection = system.database(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private void stop() throws InterruptedException {
        running = false;
        reader.join(5_000);
        sampler.join(5_000);
    }
}
