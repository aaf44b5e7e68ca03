package dev.incidentlifecycle.eventstore.relay;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A relay's session with its event log: the advisory lock that makes it the leader, the LISTEN that wakes it,
 * reading, checkpoints and set-aside events.
 *
 * <p>The connection is used from one thread of its own, so the next batch can be read while the caller's
 * Kafka transaction of the previous one commits. The session is short-lived when lost: the server ends it
 * after {@code leader-timeout} without a query ({@code idle_session_timeout}; a heartbeat keeps a healthy
 * leader's session busy while Kafka blocks), and the client's socket timeout fails any call the server
 * does not answer, so a partitioned or hung leader loses its lock, and knows it, within seconds.
 */
final class LeaderSession implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeaderSession.class);

    private final RelayConfig config;
    private final Connection connection;
    private final ScheduledExecutorService thread;
    private final String readSql;
    private final String[] streamTypes;
    private volatile long lastUsed = System.nanoTime();

    private LeaderSession(RelayConfig config, Connection connection) {
        this.config = config;
        this.connection = connection;
        this.streamTypes = config.topics().keySet().toArray(String[]::new);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "event-relay-log-" + config.name());
            t.setDaemon(true);
            return t;
        });
        // One range scan per published stream type (index event_log_by_type_and_transaction), merged in order.
        // Output names must not shadow the columns: "order by transaction_id" would otherwise sort the text cast.
        this.readSql = "select e.* from unnest(cast(? as text[])) as published(stream_type) cross join lateral ("
                + "select global_position, transaction_id, cast(transaction_id as text) as transaction_text, "
                + "cast(event_id as text) as event_text, stream_type, stream_id, stream_version, event_type, event_version, "
                + "cast(payload as text) as payload_text, actor, occurred_at, recorded_at, correlation_id, causation_id, trace_parent "
                + "from event_log where event_log.stream_type = published.stream_type "
                + "and (event_log.transaction_id, event_log.global_position) > (cast(? as xid8), ?) "
                + "and event_log.transaction_id < pg_snapshot_xmin(pg_current_snapshot()) "
                + "order by event_log.transaction_id, event_log.global_position limit ?) e "
                + "order by e.transaction_id, e.global_position limit ?";
    }

    static LeaderSession open(String jdbcUrl, String username, String password, RelayConfig config) throws SQLException {
        int timeoutSeconds = (int) Math.max(1, config.leaderTimeout().toSeconds());
        Properties props = new Properties();
        props.setProperty("user", username);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", "event-relay-" + config.name());
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("socketTimeout", Integer.toString(timeoutSeconds));
        props.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
        props.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
        Connection connection = DriverManager.getConnection(jdbcUrl, props);
        try {
            LeaderSession session = new LeaderSession(config, connection);
            session.call(session::prepare);
            return session;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private Void prepare() throws SQLException {
        try (Statement st = connection.createStatement()) {
            try {
                st.execute("set idle_session_timeout = '" + config.leaderTimeout().toMillis() + "ms'");
                st.execute("set idle_in_transaction_session_timeout = '" + config.leaderTimeout().toMillis() + "ms'");
            } catch (SQLException olderThan14) {
                LOG.warnf("relay %s: the database does not end silent sessions (%s); a partitioned leader keeps its lock "
                        + "until TCP gives up", config.name(), olderThan14.getMessage());
            }
        }
        long period = Math.max(100, config.leaderTimeout().toMillis() / 3);
        thread.scheduleWithFixedDelay(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
        return null;
    }

    /** Keeps the server hearing from a leader whose own work is waiting on Kafka. */
    private void heartbeat() {
        long quiet = Duration.ofNanos(System.nanoTime() - lastUsed).toMillis();
        if (quiet < config.leaderTimeout().toMillis() / 3) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("select 1");
            lastUsed = System.nanoTime();
        } catch (SQLException e) {
            LOG.debugf("relay %s heartbeat failed: %s", config.name(), e.getMessage());
        }
    }

    /** Takes the relay's advisory lock if no other session holds it, and listens for appends. */
    boolean tryLead() throws SQLException {
        return call(() -> {
            boolean locked;
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
                lock.setString(1, "event-relay:" + config.name());
                try (ResultSet rs = lock.executeQuery()) {
                    locked = rs.next() && rs.getBoolean(1);
                }
            }
            if (locked) {
                try (Statement st = connection.createStatement()) {
                    st.execute("listen \"" + notificationChannel().replace("\"", "\"\"") + "\"");
                }
            }
            return locked;
        });
    }

    private String notificationChannel() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("select current_schema()")) {
            rs.next();
            return "event_log:" + rs.getString(1);
        }
    }

    /**
     * Waits until events were appended, or at most {@code timeout}; true when notified. Sends nothing to the
     * server, so it does not count as hearing from the leader: the heartbeat does that between waits.
     */
    boolean awaitAppends(Duration timeout) throws SQLException {
        return await(thread.submit(() -> {
            var notifications = connection.unwrap(PGConnection.class).getNotifications((int) Math.max(1, timeout.toMillis()));
            return notifications != null && notifications.length > 0;
        }));
    }

    /** Starts reading the next batch after {@code position}; the caller publishes meanwhile. */
    Future<List<LogEvent>> readAfter(LogPosition position) {
        return thread.submit(() -> used(() -> read(position)));
    }

    List<LogEvent> readNow(LogPosition position) throws SQLException {
        return await(readAfter(position));
    }

    private List<LogEvent> read(LogPosition after) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(readSql)) {
            Array types = connection.createArrayOf("text", streamTypes);
            read.setArray(1, types);
            read.setString(2, Long.toString(after.transactionId()));
            read.setLong(3, after.globalPosition());
            read.setInt(4, config.batchSize());
            read.setInt(5, config.batchSize());
            List<LogEvent> batch = new ArrayList<>();
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    batch.add(new LogEvent(
                            new LogPosition(Long.parseLong(rs.getString("transaction_text")), rs.getLong("global_position")),
                            rs.getString("event_text"), rs.getString("stream_type"), rs.getString("stream_id"),
                            rs.getLong("stream_version"), rs.getString("event_type"), rs.getInt("event_version"),
                            rs.getString("payload_text"), rs.getString("actor"), rs.getObject("occurred_at", OffsetDateTime.class),
                            rs.getObject("recorded_at", OffsetDateTime.class), rs.getString("correlation_id"),
                            rs.getString("causation_id"), rs.getString("trace_parent")));
                }
            }
            return batch;
        }
    }

    LogPosition checkpoint() throws SQLException {
        return call(() -> {
            try (PreparedStatement read = connection.prepareStatement(
                    "select cast(transaction_id as text), global_position from relay_checkpoint where relay = ?")) {
                read.setString(1, config.name());
                try (ResultSet rs = read.executeQuery()) {
                    return rs.next() ? new LogPosition(Long.parseLong(rs.getString(1)), rs.getLong(2)) : LogPosition.START;
                }
            }
        });
    }

    void checkpoint(LogPosition position) throws SQLException {
        call(() -> {
            try (PreparedStatement write = connection.prepareStatement(
                    "insert into relay_checkpoint (relay, transaction_id, global_position, updated_at) values (?, cast(? as xid8), ?, now()) "
                            + "on conflict (relay) do update set transaction_id = excluded.transaction_id, "
                            + "global_position = excluded.global_position, updated_at = excluded.updated_at")) {
                write.setString(1, config.name());
                write.setString(2, Long.toString(position.transactionId()));
                write.setLong(3, position.globalPosition());
                return write.executeUpdate();
            }
        });
    }

    /** Records events Kafka will never accept; written before anything after them is committed to Kafka. */
    void setAside(List<SetAside> events) throws SQLException {
        call(() -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into relay_set_aside (relay, global_position, event_id, reason) values (?, ?, cast(? as uuid), ?) "
                            + "on conflict (relay, global_position) do nothing")) {
                for (SetAside aside : events) {
                    insert.setString(1, config.name());
                    insert.setLong(2, aside.event().position().globalPosition());
                    insert.setString(3, aside.event().eventId());
                    insert.setString(4, aside.reason());
                    insert.addBatch();
                }
                return insert.executeBatch();
            }
        });
    }

    long setAsideCount() throws SQLException {
        return call(() -> {
            try (PreparedStatement count = connection.prepareStatement("select count(*) from relay_set_aside where relay = ?")) {
                count.setString(1, config.name());
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Whether a position found on a topic belongs to this log: that event is stored at that place. */
    boolean isPositionOf(LogPosition position, String eventId) {
        UUID id;
        try {
            id = UUID.fromString(eventId);
        } catch (IllegalArgumentException | NullPointerException notAnEventId) {
            return false;
        }
        try {
            return call(() -> {
                try (PreparedStatement find = connection.prepareStatement("select exists (select 1 from event_log "
                        + "where global_position = ? and transaction_id = cast(? as xid8) and event_id = ?)")) {
                    find.setLong(1, position.globalPosition());
                    find.setString(2, Long.toString(position.transactionId()));
                    find.setObject(3, id);
                    try (ResultSet rs = find.executeQuery()) {
                        return rs.next() && rs.getBoolean(1);
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("checking a published position against the log failed", e);
        }
    }

    /** The newest global position in the log, for the lag gauge. */
    long latestPosition() throws SQLException {
        return call(() -> {
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("select coalesce(max(global_position), 0) from event_log")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private <T> T call(Callable<T> work) throws SQLException {
        return await(thread.submit(() -> used(work)));
    }

    private <T> T used(Callable<T> work) throws Exception {
        try {
            return work.call();
        } finally {
            lastUsed = System.nanoTime();
        }
    }

    static <T> T await(Future<T> pending) throws SQLException {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            throw new SQLException("interrupted while waiting for the event log", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SQLException(e.getCause());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debugf("closing the relay's connection: %s", e.getMessage());
        }
    }
}
