package dev.incidentlifecycle.eventstore;

import dev.incidentlifecycle.eventstore.tally.Tallies;
import dev.incidentlifecycle.eventstore.tally.Tally;
import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One alert's path through the services is one trace: the trace context travels in the log and on Kafka. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "event_store_test"))
class TracePropagationTest {

    @Inject
    EventStore store;

    @Inject
    Tracer tracer;

    @BeforeAll
    static void topics() {
        RealInfrastructure.kafka().createTopics(Map.of("tally-commands", 2, "tally-commands.dlq", 1, "tally-events", 3));
    }

    @Test
    void an_append_inside_a_span_stores_its_traceparent_and_the_relay_publishes_it() throws Throwable {
        String tally = UUID.randomUUID().toString();
        Span span = tracer.spanBuilder("declare incident").startSpan();
        try {
            VertxContextSupport.subscribeAndAwait(() -> {
                try (Scope scope = span.makeCurrent()) {
                    return store.execute(Tallies.TYPE, tally, ExpectedVersion.ANY, new Tally.Add(5), CommandContext.by("tester"));
                }
            });
        } finally {
            span.end();
        }
        String traceId = span.getSpanContext().getTraceId();
        String expected = "00-" + traceId + "-" + span.getSpanContext().getSpanId() + "-01";

        assertThat(traceParentsOf(tally)).containsExactly(expected);
        try (KafkaTopic topic = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "tally-events")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ofSubject(topic.poll(), tally).size() == 1);
            assertThat(KafkaTopic.header(ofSubject(topic, tally).get(0), "traceparent")).isEqualTo(expected);
        }
    }

    @Test
    void events_appended_for_a_record_with_a_traceparent_continue_its_trace() throws Exception {
        String tally = UUID.randomUUID().toString();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        ProducerRecord<String, byte[]> command = new ProducerRecord<>("tally-commands", tally,
                ("{\"tally\": \"" + tally + "\", \"add\": 3}").getBytes(StandardCharsets.UTF_8));
        command.headers().add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));

        RealInfrastructure.produce(command);

        await().atMost(Duration.ofSeconds(30)).until(() -> !traceParentsOf(tally).isEmpty());
        assertThat(traceParentsOf(tally)).singleElement().satisfies(traceParent -> {
            assertThat(traceParent).startsWith("00-" + traceId + "-");
            assertThat(traceParent).doesNotContain("00f067aa0ba902b7");
        });
        try (KafkaTopic topic = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "tally-events")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ofSubject(topic.poll(), tally).size() == 1);
            assertThat(KafkaTopic.header(ofSubject(topic, tally).get(0), "traceparent")).startsWith("00-" + traceId + "-");
        }
    }

    @Test
    void an_append_outside_any_trace_stores_none() throws Throwable {
        String tally = UUID.randomUUID().toString();
        VertxContextSupport.subscribeAndAwait(() -> store.execute(Tallies.TYPE, tally, ExpectedVersion.ANY, new Tally.Add(1),
                CommandContext.by("tester")));

        assertThat(traceParentsOf(tally)).containsExactly((String) null);
    }

    static List<ConsumerRecord<String, byte[]>> ofSubject(KafkaTopic topic, String subject) {
        return topic.records().stream().filter(r -> subject.equals(r.key())).toList();
    }

    static List<String> traceParentsOf(String tally) throws Exception {
        var config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
             PreparedStatement read = connection.prepareStatement(
                     "select trace_parent from event_log where stream_id = ? order by stream_version")) {
            read.setString(1, Tallies.TYPE.streamId(tally));
            List<String> traceParents = new ArrayList<>();
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    traceParents.add(rs.getString(1));
                }
            }
            return traceParents;
        }
    }
}
