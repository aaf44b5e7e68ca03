package dev.incidentlifecycle.eventstore.relay;

import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.tally.Tallies;
import dev.incidentlifecycle.eventstore.tally.Tally;
import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import io.quarkus.test.common.http.TestHTTPResource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "event_store_test"))
class EventRelayTest {

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

    @TestHTTPResource("/q/health/well")
    URL wellness;

    @TestHTTPResource("/q/health/ready")
    URL readiness;

    void add(String tally, long amount) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> store.execute(Tallies.TYPE, tally, ExpectedVersion.ANY,
                    new Tally.Add(amount), CommandContext.by("tester")));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static String jdbcUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    }

    static Connection jdbc() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(jdbcUrl(), config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    /** Another relay instance of this service, as a second replica would run it, reaching the database at {@code url}. */
    EventRelay replica(String url) {
        return new EventRelay(config, Map.of("bootstrap.servers", RealInfrastructure.bootstrapServers()), url,
                ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class),
                ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class).orElse(""),
                new SimpleMeterRegistry());
    }

    /** Appends a tally event with {@code padding} in its payload, the way any writer of the log could; returns its id. */
    static String appendPadded(String tally, String padding) throws SQLException {
        String eventId = UUID.randomUUID().toString();
        try (Connection connection = jdbc(); PreparedStatement insert = connection.prepareStatement("insert into event_log (event_id, "
                + "stream_type, stream_id, stream_version, event_type, event_version, payload, actor, occurred_at, recorded_at) values "
                + "(cast(? as uuid), 'tally', ?, 1, 'tally.added', 2, jsonb_build_object('amount', 1, 'note', cast(? as text)), 'tester', now(), now())")) {
            insert.setString(1, eventId);
            insert.setString(2, "tally-" + tally);
            insert.setString(3, padding);
            insert.executeUpdate();
        }
        return eventId;
    }

    /** Text that compression cannot shrink much (random bytes, base64). */
    static String incompressible(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).substring(0, length);
    }

    static List<ConsumerRecord<String, byte[]>> withEventIds(KafkaTopic topic, Collection<String> ids) {
        return topic.records().stream().filter(r -> ids.contains(KafkaTopic.header(r, "ce_id"))).toList();
    }

    static HttpResponse<String> get(URL url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.toURI()).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static List<ConsumerRecord<String, byte[]>> ofSubject(KafkaTopic topic, String subject) {
        return topic.records().stream().filter(r -> subject.equals(r.key())).toList();
    }

    static void assertEachEventIdOnce(KafkaTopic topic) {
        Map<String, Long> byId = topic.records().stream()
                .collect(Collectors.groupingBy(r -> KafkaTopic.header(r, "ce_id"), Collectors.counting()));
        assertThat(byId.values()).as("records per event id").allMatch(n -> n == 1);
    }

    @Test
    void publishes_cloudevents_in_binary_mode_keyed_by_aggregate_id_in_stream_order() {
        String tally = UUID.randomUUID().toString();
        IntStream.rangeClosed(1, 30).forEach(i -> add(tally, i));

        try (KafkaTopic topic = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "tally-events")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ofSubject(topic.poll(), tally).size() >= 30);
            List<ConsumerRecord<String, byte[]>> records = ofSubject(topic, tally);
            assertThat(records).hasSize(30);
            assertThat(records).extracting(r -> Long.parseLong(KafkaTopic.header(r, "ce_sequence")))
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 30).mapToObj(Long::valueOf).toList());
            ConsumerRecord<String, byte[]> first = records.get(0);
            assertThat(KafkaTopic.header(first, "ce_specversion")).isEqualTo("1.0");
            assertThat(KafkaTopic.header(first, "ce_type")).isEqualTo("tally.added");
            assertThat(KafkaTopic.header(first, "ce_source")).isEqualTo("/tally-test");
            assertThat(KafkaTopic.header(first, "ce_subject")).isEqualTo(tally);
            assertThat(KafkaTopic.header(first, "ce_time")).isNotBlank();
            assertThat(KafkaTopic.header(first, "ce_id")).isNotBlank();
            assertThat(new String(first.value())).isEqualTo("{\"amount\": 1}");
            assertEachEventIdOnce(topic);
        }
    }

    @Test
    void an_event_whose_transaction_commits_last_is_published_and_nothing_twice() throws Exception {
        String late = UUID.randomUUID().toString();
        String early = UUID.randomUUID().toString();
        try (KafkaTopic topic = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "tally-events");
             Connection transaction = jdbc()) {
            transaction.setAutoCommit(false);
            try (PreparedStatement insert = transaction.prepareStatement("insert into event_log (event_id, stream_type, stream_id, "
                    + "stream_version, event_type, event_version, payload, actor, occurred_at, recorded_at) values "
                    + "(gen_random_uuid(), 'tally', ?, 1, 'tally.added', 2, cast('{\"amount\": 1}' as jsonb), 'slow', now(), now())")) {
                insert.setString(1, "tally-" + late);
                insert.executeUpdate();
            }
            // Committed after the slow transaction took its sequence number, but before it commits.
            add(early, 2);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> ofSubject(topic.poll(), early).isEmpty());

            transaction.commit();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ofSubject(topic.poll(), late).size() == 1 && ofSubject(topic, early).size() == 1);
            assertEachEventIdOnce(topic);
        }
    }

    @Test
    void transaction_ids_are_ordered_as_numbers_when_they_gain_a_digit() throws Exception {
        // Read in text order, "10000" sorts before "9999": the relay would publish the later event,
        // move its checkpoint past the earlier one and never publish that.
        try (KafkaTopic topic = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "tally-events")) {
            relay.stop(null);
            String before = UUID.randomUUID().toString();
            add(before, 1);
            try (Connection connection = jdbc(); var statement = connection.createStatement()) {
                long current;
                try (var rs = statement.executeQuery("select cast(pg_current_xact_id() as text)")) {
                    rs.next();
                    current = Long.parseLong(rs.getString(1));
                }
                long nextPowerOfTen = (long) Math.pow(10, Long.toString(current).length());
                // Each subtransaction that writes takes a transaction id of its own.
                statement.execute("create temporary table burn (n int)");
                statement.execute("do $$ begin for i in 1.." + (nextPowerOfTen - current + 10) + " loop "
                        + "begin insert into burn values (i); exception when others then null; end; end loop; end $$");
            }
            String after = UUID.randomUUID().toString();
            add(after, 1);
            relay.start(null);

            await().atMost(Duration.ofSeconds(30)).until(() -> ofSubject(topic.poll(), before).size() == 1
                    && ofSubject(topic, after).size() == 1);
            assertEachEventIdOnce(topic);
        }
    }

    @Test
    void resumes_after_a_restart_from_its_checkpoint_and_from_kafka_when_the_checkpoint_is_behind() throws Exception {
        try (KafkaTopic topic = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "tally-events")) {
            String before = UUID.randomUUID().toString();
            add(before, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> ofSubject(topic.poll(), before).size() == 1);

            relay.stop(null);
            String whileDown = UUID.randomUUID().toString();
            IntStream.rangeClosed(1, 10).forEach(i -> add(whileDown, i));
            relay.start(null);
            await().atMost(Duration.ofSeconds(30)).until(() -> ofSubject(topic.poll(), whileDown).size() == 10);

            // A crash between the Kafka commit and the checkpoint update leaves the checkpoint behind.
            relay.stop(null);
            try (Connection connection = jdbc(); var delete = connection.createStatement()) {
                delete.executeUpdate("delete from relay_checkpoint");
            }
            String afterLoss = UUID.randomUUID().toString();
            add(afterLoss, 1);
            relay.start(null);
            await().atMost(Duration.ofSeconds(30)).until(() -> ofSubject(topic.poll(), afterLoss).size() == 1);

            assertThat(ofSubject(topic, before)).hasSize(1);
            assertThat(ofSubject(topic, whileDown)).hasSize(10);
            assertEachEventIdOnce(topic);
        }
    }

    @Test
    void only_one_instance_relays_and_another_takes_over_when_it_stops() {
        EventRelay standby = replica(jdbcUrl());
        await().atMost(Duration.ofSeconds(30)).until(relay::isLeader);
        standby.start(null);
        try (KafkaTopic topic = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "tally-events")) {
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> relay.isLeader() && !standby.isLeader());

            relay.stop(null);
            await().atMost(Duration.ofSeconds(30)).until(standby::isLeader);
            String tally = UUID.randomUUID().toString();
            add(tally, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> ofSubject(topic.poll(), tally).size() == 1);
            assertEachEventIdOnce(topic);
        } finally {
            standby.stop(null);
            relay.start(null);
        }
        await().atMost(Duration.ofSeconds(30)).until(relay::isLeader);
    }

    @Test
    void an_event_kafka_can_never_accept_is_set_aside_and_the_events_after_it_still_publish() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "tally-events");
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "524288"), AlterConfigOp.OpType.SET)))).all().get();
        }
        String before = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        add(before, 1);
        // Refused by the producer itself (over max.request.size, 1 MiB) and by the broker (over the topic's 512 KiB).
        String overRequestSize = appendPadded(UUID.randomUUID().toString(), incompressible(1_200_000));
        String overTopicSize = appendPadded(UUID.randomUUID().toString(), incompressible(800_000));
        IntStream.rangeClosed(1, 5).forEach(i -> add(after, i));

        try (KafkaTopic topic = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "tally-events")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ofSubject(topic.poll(), after).size() == 5);
            assertThat(ofSubject(topic, before)).hasSize(1);
            assertThat(withEventIds(topic, List.of(overRequestSize, overTopicSize))).isEmpty();
            assertEachEventIdOnce(topic);
        }
        try (Connection connection = jdbc(); PreparedStatement read = connection.prepareStatement(
                "select cast(event_id as text), reason from relay_set_aside where relay = 'tally' and event_id in (cast(? as uuid), cast(? as uuid))")) {
            read.setString(1, overRequestSize);
            read.setString(2, overTopicSize);
            Map<String, String> reasons = new java.util.HashMap<>();
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    reasons.put(rs.getString(1), rs.getString(2));
                }
            }
            assertThat(reasons).containsOnlyKeys(overRequestSize, overTopicSize);
            assertThat(reasons.values()).allMatch(reason -> reason.startsWith("RecordTooLargeException"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.setAside() >= 2);
        HttpResponse<String> wellness = get(this.wellness);
        assertThat(wellness.statusCode()).isEqualTo(503);
        assertThat(wellness.body()).contains("\"event-relay\"").containsPattern("\"setAside\":\\s*[1-9]");
        // Readiness is not the relay's to take away: the service keeps serving (other checks decide readiness).
        assertThat(get(readiness).body()).as("readiness checks").doesNotContain("event-relay");
    }

    @Test
    void a_leader_whose_database_connection_hangs_is_replaced_within_ten_seconds() throws Exception {
        Matcher address = Pattern.compile("//([^:/]+):(\\d+)/").matcher(jdbcUrl());
        assertThat(address.find()).isTrue();
        relay.stop(null);
        try (FreezableProxy proxy = FreezableProxy.to(address.group(1), Integer.parseInt(address.group(2)));
             KafkaTopic topic = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "tally-events")) {
            EventRelay hanging = replica(jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/"));
            EventRelay standby = replica(jdbcUrl());
            try {
                hanging.start(null);
                await().atMost(Duration.ofSeconds(30)).until(hanging::isLeader);
                standby.start(null);
                String before = UUID.randomUUID().toString();
                add(before, 1);
                await().atMost(Duration.ofSeconds(30)).until(() -> ofSubject(topic.poll(), before).size() == 1);
                long publishedByHanging = hanging.published();
                assertThat(publishedByHanging).isPositive();

                proxy.freeze();
                await().atMost(Duration.ofSeconds(10)).until(standby::isLeader);

                String after = UUID.randomUUID().toString();
                IntStream.rangeClosed(1, 5).forEach(i -> add(after, i));
                await().atMost(Duration.ofSeconds(30)).until(() -> ofSubject(topic.poll(), after).size() == 5);
                await().atMost(Duration.ofSeconds(10)).until(() -> !hanging.isLeader());
                assertThat(hanging.published()).as("published by the hung leader after it hung").isEqualTo(publishedByHanging);
                assertThat(ofSubject(topic, before)).hasSize(1);
                assertEachEventIdOnce(topic);
            } finally {
                proxy.close();
                hanging.stop(null);
                standby.stop(null);
            }
        } finally {
            relay.start(null);
        }
        await().atMost(Duration.ofSeconds(30)).until(relay::isLeader);
    }

    @Test
    void a_position_on_the_topic_that_is_not_one_of_this_log_is_not_trusted() throws Exception {
        relay.stop(null);
        try (KafkaTopic topic = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "tally-events")) {
            // Far ahead of this log (another environment's relay), and this log's own last position with another
            // event's id (a database restored from an older backup, written on since).
            String lastPosition;
            try (Connection connection = jdbc(); var st = connection.createStatement(); ResultSet rs = st.executeQuery(
                    "select cast(transaction_id as text) || ':' || global_position from event_log order by global_position desc limit 1")) {
                rs.next();
                lastPosition = rs.getString(1);
            }
            RealInfrastructure.produce(foreign("999999999999:999999999999"), foreign(lastPosition));
            String after = UUID.randomUUID().toString();
            add(after, 1);
            relay.start(null);

            await().atMost(Duration.ofSeconds(30)).until(() -> ofSubject(topic.poll(), after).size() == 1);
            assertEachEventIdOnce(topic);
        } finally {
            relay.start(null);
        }
    }

    private static ProducerRecord<String, byte[]> foreign(String position) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add(LogPosition.HEADER, position.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>("tally-events", null, "foreign-" + UUID.randomUUID(), "{}".getBytes(StandardCharsets.UTF_8), headers);
    }

    @Test
    void appends_wake_the_relay_long_before_its_fallback_poll() {
        relay.stop(null);
        EventRelay listening = new EventRelay(new SlowPolling(config), Map.of("bootstrap.servers", RealInfrastructure.bootstrapServers()), jdbcUrl(),
                ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class),
                ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class).orElse(""),
                new SimpleMeterRegistry());
        try (KafkaTopic topic = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "tally-events")) {
            listening.start(null);
            await().atMost(Duration.ofSeconds(30)).until(listening::isLeader);
            // After each publish the relay waits for a notification, or 60 s: each event arriving within 10 s was a wake-up.
            for (int i = 0; i < 3; i++) {
                String tally = UUID.randomUUID().toString();
                add(tally, 1);
                await().atMost(Duration.ofSeconds(10)).until(() -> ofSubject(topic.poll(), tally).size() == 1);
            }
            // Idle for longer than its leader timeout: its heartbeat keeps its session, and it still leads and wakes.
            await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(10)).until(listening::isLeader);
            String afterIdle = UUID.randomUUID().toString();
            add(afterIdle, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> ofSubject(topic.poll(), afterIdle).size() == 1);
            assertEachEventIdOnce(topic);
        } finally {
            listening.stop(null);
            relay.start(null);
        }
    }

    /** The test's relay configuration, polling only once a minute (leader timeout as configured: 5 s). */
    record SlowPolling(RelayConfig base) implements RelayConfig {
        public boolean enabled() { return true; }
        public String name() { return base.name(); }
        public String source() { return base.source(); }
        public Map<String, String> topics() { return base.topics(); }
        public int batchSize() { return base.batchSize(); }
        public Duration fallbackPoll() { return Duration.ofSeconds(60); }
        public Duration checkpointInterval() { return base.checkpointInterval(); }
        public Duration leaderTimeout() { return base.leaderTimeout(); }
        public Duration standbyRetry() { return base.standbyRetry(); }
    }
}
