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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
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

    void add(String tally, long amount) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> store.execute(Tallies.TYPE, tally, ExpectedVersion.ANY,
                    new Tally.Add(amount), CommandContext.by("tester")));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static Connection jdbc() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
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
        EventRelay standby = new EventRelay(config, RealInfrastructure.bootstrapServers(),
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class),
                ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class),
                ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class).orElse(""),
                new SimpleMeterRegistry());
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
}
