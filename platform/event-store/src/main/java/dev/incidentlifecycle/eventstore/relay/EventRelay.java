package dev.incidentlifecycle.eventstore.relay;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the event log to Kafka, one CloudEvent per event, keyed by aggregate id.
 *
 * <p>Why it is built this way:
 * <ul>
 *   <li>It reads only events written by transactions older than every running one
 *       ({@code transaction_id < pg_snapshot_xmin(pg_current_snapshot())}), in (transaction, sequence) order,
 *       so an event whose transaction commits after one with a later sequence number is never skipped; and
 *       only the stream types it publishes.</li>
 *   <li>One instance relays at a time: it holds a PostgreSQL advisory lock on its own connection
 *       ({@link LeaderSession}). If its process dies, or the database stops hearing from it, the session ends
 *       and another instance takes over within seconds.</li>
 *   <li>Each batch is one Kafka transaction with a fixed transactional id: a new relay fences the old one,
 *       and a half-sent batch of a crashed relay is aborted, never seen by {@code read_committed} consumers.</li>
 *   <li>Every record carries its log position; a relay taking over starts after the furthest of its
 *       checkpoint and what Kafka already holds of this log ({@link PublishedPosition}), so a crash between a
 *       Kafka commit and the checkpoint update does not publish that batch twice. The checkpoint is therefore
 *       written at most once per {@code checkpoint-interval}, not per batch.</li>
 *   <li>While a batch's Kafka transaction commits, the next batch is read; appends wake the relay by NOTIFY.</li>
 *   <li>An event Kafka can never accept is set aside with its reason ({@code relay_set_aside}), counted and
 *       reported by {@link RelayHealthCheck}; the relay goes on after it.</li>
 * </ul>
 */
@ApplicationScoped
public class EventRelay {

    private static final Logger LOG = Logger.getLogger(EventRelay.class);
    private static final Duration SHORT_WAIT = Duration.ofMillis(250);

    private final RelayConfig config;
    private final Map<String, Object> kafka;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong setAside = new AtomicLong();
    private volatile boolean leader;
    private volatile boolean running;
    private volatile Thread thread;

    EventRelay(RelayConfig config,
               @Identifier("default-kafka-broker") Map<String, Object> kafka,
               @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
               @ConfigProperty(name = "quarkus.datasource.username") String username,
               @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password,
               MeterRegistry meters) {
        this.config = config;
        this.kafka = kafka;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        FunctionCounter.builder("event_relay_published", published, AtomicLong::get)
                .description("Events published to Kafka by this instance").register(meters);
        Gauge.builder("event_relay_leader", this, r -> r.leader ? 1 : 0)
                .description("1 when this instance is the one relaying").register(meters);
        Gauge.builder("event_relay_lag", lag, AtomicLong::get)
                .description("Events in the log not yet published (approximate, on the relaying instance)").register(meters);
        Gauge.builder("event_relay_set_aside", setAside, AtomicLong::get)
                .description("Events set aside because Kafka can never accept them (rows in relay_set_aside)").register(meters);
    }

    /** Starts relaying (or standing by); does nothing when already started. */
    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            LOG.info("event relay disabled on this instance");
            return;
        }
        if (running) {
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
                // The loop sees the flag within a quarter second when idle; interrupting it while Kafka's producer closes
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

    /** The Kafka transactional id of the relay named in {@code config}: the one the broker must let it use. */
    static String transactionalId(RelayConfig config) {
        return "event-relay-" + config.name();
    }

    public boolean isEnabled() {
        return config.enabled();
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

    /** Events of this relay set aside because Kafka can never accept them, as last read from the log. */
    public long setAside() {
        return setAside.get();
    }

    private void run() {
        while (running) {
            try {
                leadIfFree();
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("relay %s stopped (%s); retrying", config.name(), e.toString());
                }
            }
            if (running) {
                pause(config.standbyRetry());
            }
        }
    }

    /** Relays while this instance holds the lock; returns at once when another does. */
    private void leadIfFree() throws Exception {
        try (LeaderSession session = LeaderSession.open(jdbcUrl, username, password, config)) {
            setAside.set(session.setAsideCount());
            if (!session.tryLead()) {
                return;
            }
            try (KafkaProducer<String, byte[]> producer = BatchPublisher.producer(kafka, transactionalId(config))) {
                producer.initTransactions();
                LogPosition checkpoint = session.checkpoint();
                LogPosition start = checkpoint.max(PublishedPosition.furthest(kafka, config.topics().values(), session::isPositionOf));
                leader = true;
                LOG.infof("relay %s leads, publishing after log position %s", config.name(), start);
                relay(session, new BatchPublisher(producer, config, events -> record(session, events)), start, checkpoint);
            } finally {
                leader = false;
            }
        }
    }

    private void relay(LeaderSession session, BatchPublisher publisher, LogPosition start, LogPosition checkpoint) throws Exception {
        Checkpoints checkpoints = new Checkpoints(session, checkpoint);
        LogPosition position = start;
        List<LogEvent> batch = session.readNow(position);
        try {
            while (running) {
                if (batch.isEmpty()) {
                    lag.set(0);
                    checkpoints.writeIfDue(position);
                    awaitAppends(session);
                    batch = session.readNow(position);
                    continue;
                }
                LogPosition end = batch.get(batch.size() - 1).position();
                Future<List<LogEvent>> next = session.readAfter(end);
                int sent = batch.size() - publisher.publish(batch).size();
                position = end;
                published.addAndGet(sent);
                batch = LeaderSession.await(next);
                if (checkpoints.writeIfDue(position)) {
                    lag.set(Math.max(0, session.latestPosition() - position.globalPosition()));
                }
            }
        } finally {
            if (!running) {
                checkpoints.write(position);
            }
        }
    }

    /** Until notified of appends, the fallback poll is due, or the relay stops; in short waits, so stopping is quick. */
    private void awaitAppends(LeaderSession session) throws Exception {
        long deadline = System.nanoTime() + config.fallbackPoll().toNanos();
        while (running) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || session.awaitAppends(Duration.ofNanos(Math.min(left, SHORT_WAIT.toNanos())))) {
                return;
            }
        }
    }

    private void record(LeaderSession session, List<SetAside> events) throws Exception {
        for (SetAside aside : events) {
            LOG.errorf("relay %s sets aside event %s at %s (%s): %s", config.name(), aside.event().eventId(),
                    aside.event().position(), aside.event().type(), aside.reason());
        }
        session.setAside(events);
        setAside.set(session.setAsideCount());
    }

    /** Writes the checkpoint at most once per interval, and refreshes the set-aside count with it. */
    private final class Checkpoints {
        private final LeaderSession session;
        private LogPosition written;
        private long writtenAt = System.nanoTime();

        Checkpoints(LeaderSession session, LogPosition written) {
            this.session = session;
            this.written = written;
        }

        boolean writeIfDue(LogPosition position) throws Exception {
            if (System.nanoTime() - writtenAt < config.checkpointInterval().toNanos()) {
                return false;
            }
            write(position);
            setAside.set(session.setAsideCount());
            return true;
        }

        void write(LogPosition position) throws Exception {
            if (position.compareTo(written) > 0) {
                session.checkpoint(position);
                written = position;
            }
            writtenAt = System.nanoTime();
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
