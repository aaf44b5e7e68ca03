package dev.incidentlifecycle.incidents;

import dev.incidentlifecycle.testing.RealInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.incidentlifecycle.incidents.Http.alertRecord;
import static dev.incidentlifecycle.incidents.Http.alertsOfService;
import static dev.incidentlifecycle.incidents.Http.asReader;
import static dev.incidentlifecycle.incidents.Http.incidentsOfService;
import static dev.incidentlifecycle.incidents.Http.trigger;
import static dev.incidentlifecycle.incidents.Http.unique;
import static org.awaitility.Awaitility.await;

/**
 * How fast alerts written straight to {@code alerts} are handled, on this machine: prints figures, asserts nothing
 * about time. Run by {@code incident-service/benchmark/alert-handling.sh}, or
 * {@code ./mvnw -B verify -Pbenchmark -pl incident-service -am -Dtest=AlertHandlingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * with any of these {@code -D} settings:
 * <ul>
 * <li>{@code benchmark.alerts} (20000), {@code benchmark.keys} (50), {@code benchmark.services} (10): the full-speed storm;</li>
 * <li>{@code benchmark.rate} (300 triggers/s), {@code benchmark.seconds} (30), {@code benchmark.sample-every} (10):
 *     the fixed-rate run; every n-th trigger is a new dedup key whose produce→visible latency is measured.</li>
 * </ul>
 * Every trigger is {@code critical}: the first of each service declares an incident, the rest of its new keys join it.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class AlertHandlingBenchmark {

    static final String GROUP = "incident-service";
    static final String TOPIC = "alerts";

    final int alerts = Integer.getInteger("benchmark.alerts", 20_000);
    final int keys = Integer.getInteger("benchmark.keys", 50);
    final int services = Integer.getInteger("benchmark.services", 10);
    final int rate = Integer.getInteger("benchmark.rate", 300);
    final int seconds = Integer.getInteger("benchmark.seconds", 30);
    final int sampleEvery = Integer.getInteger("benchmark.sample-every", 10);

    @Inject
    MeterRegistry meters;

    final ScheduledExecutorService clock = Executors.newScheduledThreadPool(3);

    @Test
    void alerts_handled_per_second_lag_and_latency() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers()));
             KafkaProducer<String, byte[]> producer = producer()) {
            warmUp(producer);
            FullSpeed fullSpeed = fullSpeed(producer, admin);
            FixedRate fixedRate = fixedRate(producer, admin);
            print(fullSpeed, fixedRate);
        } finally {
            clock.shutdownNow();
        }
    }

    // --- phase 1: as fast as one producer can write

    record FullSpeed(int triggers, long producedMillis, long handledMillis, Lag lag) {
        double alertsPerSecond() {
            return triggers / (handledMillis / 1e3);
        }
    }

    /** A few triggers handled end to end first, so JIT, pools and the consumer's assignment are in place. */
    void warmUp(KafkaProducer<String, byte[]> producer) throws Exception {
        String run = unique("warm-up");
        int triggers = Math.max(100, Math.min(1_000, alerts / 10));
        List<String> warmServices = IntStream.range(0, 2).mapToObj(i -> run + "-service-" + i).toList();
        send(producer, IntStream.range(0, triggers).mapToObj(i -> {
            String key = run + "-key-" + (i % 4);
            return alertRecord(key, trigger(key, "critical", warmServices.get(i % 4 % 2), "Warm-up alert " + key));
        }).toList(), new AtomicInteger());
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> occurrencesOf(warmServices) == triggers);
    }

    FullSpeed fullSpeed(KafkaProducer<String, byte[]> producer, Admin admin) throws Exception {
        String run = unique("full-speed");
        List<String> stormServices = IntStream.range(0, services).mapToObj(i -> run + "-service-" + i).toList();
        List<String> stormKeys = IntStream.range(0, keys).mapToObj(i -> run + "-key-" + i).toList();
        List<ProducerRecord<String, byte[]>> records = IntStream.range(0, alerts).mapToObj(i -> {
            String key = stormKeys.get(i % keys);
            return alertRecord(key, trigger(key, "critical", stormServices.get(i % keys % services), "Storm alert " + key));
        }).toList();

        AtomicInteger acknowledged = new AtomicInteger();
        LagWatch lag = new LagWatch(admin, acknowledged::get);
        long start = System.nanoTime();
        send(producer, records, acknowledged);
        long produced = System.nanoTime();
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> occurrencesOf(stormServices) == alerts);
        long handled = System.nanoTime();
        return new FullSpeed(alerts, (produced - start) / 1_000_000, (handled - start) / 1_000_000, lag.stop());
    }

    // --- phase 2: a steady rate, latency of new alerts, consumer lag

    record FixedRate(int sent, long sendingMillis, long drainedMillis, int samples, List<Long> latenciesMicros,
                     long pollCycles, long pollMicros, Lag lag) {
        double achievedRate() {
            return sent / (sendingMillis / 1e3);
        }
    }

    FixedRate fixedRate(KafkaProducer<String, byte[]> producer, Admin admin) throws Exception {
        String run = unique("fixed-rate");
        List<String> rateServices = IntStream.range(0, services).mapToObj(i -> run + "-service-" + i).toList();
        List<String> repeatKeys = IntStream.range(0, keys).mapToObj(i -> run + "-key-" + i).toList();
        Function<String, String> serviceOfKey = key -> rateServices.get(repeatKeys.indexOf(key) % services);

        // One trigger per repeated key first: each service then has an open incident that new alerts join.
        send(producer, repeatKeys.stream()
                .map(key -> alertRecord(key, trigger(key, "critical", serviceOfKey.apply(key), "Steady alert " + key))).toList(),
                new AtomicInteger());
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> rateServices.stream().allMatch(s -> !incidentsOfService(s).isEmpty()));
        Map<String, String> incidentOfService = rateServices.stream()
                .collect(Collectors.toMap(s -> s, s -> (String) incidentsOfService(s).get(0).get("id")));

        int total = rate * seconds;
        Map<String, Long> pendingSince = new ConcurrentHashMap<>(); // new dedup key → System.nanoTime() before send
        Map<String, String> incidentOfKey = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger samples = new AtomicInteger();
        AtomicLong failures = new AtomicLong();

        // A sampled key is visible once it is in its incident's GET /incidents/{id}/alerts; one poller, back to back.
        AtomicLong pollCycles = new AtomicLong();
        AtomicLong pollNanos = new AtomicLong();
        AtomicLong pollFailures = new AtomicLong();
        Future<?> poller = clock.scheduleWithFixedDelay(() -> {
            if (pendingSince.isEmpty()) {
                return;
            }
            long cycle = System.nanoTime();
            try {
                for (String incidentId : Set.copyOf(incidentOfKey.values())) {
                    List<String> visible = asReader().get("/incidents/" + incidentId + "/alerts")
                            .then().statusCode(200).extract().jsonPath().getList("dedupKey");
                    long seen = System.nanoTime();
                    for (String key : visible) {
                        Long since = pendingSince.remove(key);
                        if (since != null) {
                            incidentOfKey.remove(key);
                            latencies.add((seen - since) / 1_000);
                        }
                    }
                }
            } catch (RuntimeException | AssertionError e) {
                // An exception would silently end a scheduled task: keep polling, and say so at the end.
                pollFailures.incrementAndGet();
            }
            pollCycles.incrementAndGet();
            pollNanos.addAndGet(System.nanoTime() - cycle);
        }, 0, 2, TimeUnit.MILLISECONDS);

        AtomicInteger acknowledged = new AtomicInteger();
        LagWatch lag = new LagWatch(admin, acknowledged::get);
        long start = System.nanoTime();
        // Every 5 ms, send what is due by now: the rate holds even when a tick runs late.
        Future<?> sender = clock.scheduleAtFixedRate(() -> {
            long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * rate));
            while (sent.get() < due) {
                int i = sent.getAndIncrement();
                ProducerRecord<String, byte[]> record;
                if (i % sampleEvery == 0) {
                    String key = run + "-new-" + i;
                    String service = rateServices.get(i / sampleEvery % services);
                    record = alertRecord(key, trigger(key, "critical", service, "New alert " + key));
                    incidentOfKey.put(key, incidentOfService.get(service));
                    pendingSince.put(key, System.nanoTime());
                    samples.incrementAndGet();
                } else {
                    String key = repeatKeys.get(i % keys);
                    record = alertRecord(key, trigger(key, "critical", serviceOfKey.apply(key), "Steady alert " + key));
                }
                producer.send(record, (metadata, failure) -> {
                    if (failure != null) {
                        failures.incrementAndGet();
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
            }
        }, 0, 5, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(seconds + 60L)).pollInterval(Duration.ofMillis(50)).until(() -> sent.get() >= total);
        sender.cancel(false);
        producer.flush();
        long sending = System.nanoTime() - start;
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> pendingSince.isEmpty() && lag.backlog() <= 0);
        long drained = System.nanoTime() - start;
        poller.cancel(false);
        if (failures.get() > 0 || pollFailures.get() > 0) {
            throw new IllegalStateException(failures.get() + " sends and " + pollFailures.get() + " visibility polls failed");
        }
        return new FixedRate(total, sending / 1_000_000, drained / 1_000_000, samples.get(), List.copyOf(latencies),
                pollCycles.get(), pollCycles.get() == 0 ? 0 : pollNanos.get() / pollCycles.get() / 1_000, lag.stop());
    }

    // --- consumer lag: the group's committed offsets against the topic's end offsets

    /**
     * {@code committed}: records on the topic past the group's committed offsets. The consumer commits
     * periodically (SmallRye's throttled strategy, every {@code auto.commit.interval.ms}), so this overstates what
     * is really waiting; {@code backlog} is the exact figure: records acknowledged by the broker minus triggers the
     * service has handled (its {@code alerts_received} counter, read in the same JVM).
     */
    record Lag(int samples, long max, double average, long maxBacklog, double averageBacklog) {
    }

    /** Samples the lag of {@value #GROUP} on {@value #TOPIC} every 250 ms until stopped. */
    final class LagWatch {

        private final Admin admin;
        private final IntSupplier produced;
        private final double handledBefore = triggersHandled();
        private final List<Long> lags = new CopyOnWriteArrayList<>();
        private final List<Long> backlogs = new CopyOnWriteArrayList<>();
        private final Future<?> sampling;

        LagWatch(Admin admin, IntSupplier produced) {
            this.admin = admin;
            this.produced = produced;
            this.sampling = clock.scheduleAtFixedRate(this::sample, 0, 250, TimeUnit.MILLISECONDS);
        }

        /** Records acknowledged by the broker since this watch started that the service has not handled yet. */
        long backlog() {
            return produced.getAsInt() - Math.round(triggersHandled() - handledBefore);
        }

        private void sample() {
            backlogs.add(backlog());
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                List<TopicPartition> partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS)
                        .get(TOPIC).partitions().stream().map(p -> new TopicPartition(TOPIC, p.partition())).toList();
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                        partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get(10, TimeUnit.SECONDS);
                long lag = 0;
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata offset = committed.get(partition);
                    lag += ends.get(partition).offset() - (offset == null ? 0 : offset.offset());
                }
                lags.add(lag);
            } catch (Exception e) {
                // A missed sample is only a missing point in the figures.
            }
        }

        Lag stop() {
            sampling.cancel(false);
            List<Long> taken = List.copyOf(lags);
            List<Long> waiting = List.copyOf(backlogs);
            return new Lag(taken.size(), taken.stream().mapToLong(Long::longValue).max().orElse(0),
                    taken.stream().mapToLong(Long::longValue).average().orElse(0),
                    waiting.stream().mapToLong(Long::longValue).max().orElse(0),
                    waiting.stream().mapToLong(Long::longValue).average().orElse(0));
        }
    }

    // --- output

    void print(FullSpeed fullSpeed, FixedRate fixedRate) {
        List<Long> sorted = new ArrayList<>(fixedRate.latenciesMicros());
        Collections.sort(sorted);
        System.out.printf("%nalert handling on this machine (%d cores), consumer group %s on %s:%n",
                Runtime.getRuntime().availableProcessors(), GROUP, TOPIC);
        System.out.printf("  full speed: %,d triggers, %d keys, %d services%n", fullSpeed.triggers(), keys, services);
        System.out.printf("    produced (acks=all) in                        %,10d ms%n", fullSpeed.producedMillis());
        System.out.printf("    last occurrence visible after                 %,10d ms%n", fullSpeed.handledMillis());
        System.out.printf("    sustained alerts/s handled                    %,10.0f%n", fullSpeed.alertsPerSecond());
        System.out.printf("    consumer lag, committed (max / avg)           %,10d / %,.0f  (%d samples)%n",
                fullSpeed.lag().max(), fullSpeed.lag().average(), fullSpeed.lag().samples());
        System.out.printf("    backlog, produced - handled (max / avg)       %,10d / %,.0f%n",
                fullSpeed.lag().maxBacklog(), fullSpeed.lag().averageBacklog());
        System.out.printf("  fixed rate: %,d triggers/s for %d s, every %d-th a new dedup key%n", rate, seconds, sampleEvery);
        System.out.printf("    sent                                          %,10d in %,d ms (%,.0f/s achieved)%n",
                fixedRate.sent(), fixedRate.sendingMillis(), fixedRate.achievedRate());
        System.out.printf("    all handled and visible after                 %,10d ms%n", fixedRate.drainedMillis());
        System.out.printf("    consumer lag, committed (max / avg)           %,10d / %,.0f  (%d samples)%n",
                fixedRate.lag().max(), fixedRate.lag().average(), fixedRate.lag().samples());
        System.out.printf("    backlog, produced - handled (max / avg)       %,10d / %,.0f%n",
                fixedRate.lag().maxBacklog(), fixedRate.lag().averageBacklog());
        System.out.printf("    produce → visible in /incidents/{id}/alerts, %d new alerts:%n", sorted.size());
        System.out.printf("      p50                                         %,10.1f ms%n", percentile(sorted, 50) / 1e3);
        System.out.printf("      p99                                         %,10.1f ms%n", percentile(sorted, 99) / 1e3);
        System.out.printf("      max                                         %,10.1f ms%n", sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e3);
        System.out.printf("    (visibility polled back to back: %,d cycles, %,.1f ms each on average)%n%n",
                fixedRate.pollCycles(), fixedRate.pollMicros() / 1e3);
    }

    static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    // --- Kafka and HTTP

    static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Small batches: the fixed-rate latency starts before send, so a long linger would be counted in it.
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends every record and waits until all are acknowledged. */
    static void send(KafkaProducer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records,
                     AtomicInteger acknowledged) throws Exception {
        List<Future<?>> acks = new ArrayList<>(records.size());
        for (ProducerRecord<String, byte[]> record : records) {
            acks.add(producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.incrementAndGet();
                }
            }));
        }
        for (Future<?> ack : acks) {
            ack.get();
        }
    }

    static long occurrencesOf(List<String> services) {
        return services.stream().flatMap(s -> alertsOfService(s).stream())
                .mapToLong(alert -> ((Number) alert.get("occurrences")).longValue()).sum();
    }

    /** Triggers read from plain-JSON records so far ({@code alerts_received{source=kafka, action=trigger}}). */
    double triggersHandled() {
        return meters.find("alerts_received").tag("source", "kafka").tag("action", "trigger").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
