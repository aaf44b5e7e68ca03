package dev.incidentlifecycle.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Alert handling against the running system (deploy/run up), in one run, next to what the same broker and database
 * do with no service in between. Run by {@code incident-service/benchmark/alert-handling.sh}; see {@link Options}.
 *
 * <ol>
 * <li>Yardsticks: a raw consumer → JDBC batch → commit pipeline, and a raw transactional producer.</li>
 * <li>Repeat storm, new-key storm (with the relay's publishing rate), a declaration for a new service while a
 *     storm drains, and produce-to-visible latency at a fixed open-loop rate.</li>
 * <li>One table: every figure, its ratio to the yardstick, its target (printed, never asserted), the database's
 *     durability settings and the services' largest RSS during the storms.</li>
 * </ol>
 * "Handled" is the alert read model holding every occurrence sent, and the consumer group's lag on alerts at 0.
 */
public final class AlertPipelineBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private final RunningSystem system;
    private final ProcessMemory memory;
    private final Handled handled;
    private final String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
    private final Report report = new Report();
    private final List<String> problems = new ArrayList<>();

    private AlertPipelineBenchmark(Options options, RunningSystem system, ProcessMemory memory) {
        this.options = options;
        this.system = system;
        this.memory = memory;
        this.handled = new Handled(system);
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args, System.getenv("BENCHMARK_TOKEN"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        int status = 0;
        try (RunningSystem system = new RunningSystem(options);
                ProcessMemory memory = new ProcessMemory(system.pidFolder)) {
            new AlertPipelineBenchmark(options, system, memory).run();
        } catch (Exception e) {
            System.err.println("The benchmark stopped: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // no client thread left behind keeps the JVM
    }

    private void run() throws Exception {
        long began = System.nanoTime();
        Map<String, String> durability = system.databaseSettings(
                List.of("fsync", "synchronous_commit", "full_page_writes", "track_commit_timestamp", "server_version"));
        int alertPartitions = system.partitions(RunningSystem.ALERTS);
        int eventPartitions = system.partitions(RunningSystem.INCIDENT_EVENTS);
        report.header(String.format("alert pipeline benchmark%s, run %s, %s, %d cores", options.quick() ? " (--quick)" : "",
                run, Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors()));
        report.header(String.format("database: fsync=%s synchronous_commit=%s full_page_writes=%s track_commit_timestamp=%s (PostgreSQL %s)",
                durability.get("fsync"), durability.get("synchronous_commit"), durability.get("full_page_writes"),
                durability.get("track_commit_timestamp"), durability.get("server_version")));
        report.header(String.format("broker %s: alerts %d partitions, incident-events %d partitions; consumer group %s",
                system.bootstrapServers, alertPartitions, eventPartitions, RunningSystem.GROUP));
        progress("database " + durability);

        RawPipeline raw = new RawPipeline(system, run);
        double rawRate = raw.consumerToDatabase(options.rawRecords(), alertPartitions);
        report.yardstick(String.format("raw pipeline, %,d records: poll 500 → JDBC batch → commit → commitAsync", options.rawRecords()),
                perSecond(rawRate, "rec"));
        progress(String.format("raw pipeline %,.0f records/s", rawRate));
        double rawProducer = raw.transactionalProducer(options.rawProducerRecords(), eventPartitions);
        report.yardstick(String.format("raw transactional producer, %,d records, 500 per transaction", options.rawProducerRecords()),
                perSecond(rawProducer, "rec"));
        progress(String.format("raw transactional producer %,.0f records/s", rawProducer));

        try (KafkaProducer<String, byte[]> producer = system.producer()) {
            if (!options.phases().isEmpty()) {
                warmUp(producer);
            }
            if (options.runs("repeat")) {
                repeatStorm(producer, rawRate);
            }
            if (options.runs("new-key")) {
                newKeyStorm(producer, rawRate, rawProducer);
            }
            if (options.runs("declaration")) {
                declarationUnderStorm(producer, alertPartitions, rawRate);
            }
            if (options.runs("latency")) {
                latency(producer);
            }
        }
        memory.maxMib().forEach((process, mib) -> report.figure("largest RSS during the storms: " + process,
                String.format("%,.0f MiB", mib), "-", process.equals("incident-service") ? "<= 384 MiB" : "",
                process.equals("incident-service") ? mib <= 384 : null));
        boolean stormed = options.runs("repeat") || options.runs("new-key") || options.runs("declaration");
        if (memory.maxMib().isEmpty() && stormed) {
            report.note("RSS: no process found in " + system.pidFolder + " (not started by deploy/run?)");
        }
        report.header(String.format("whole run: %.0f s", (System.nanoTime() - began) / 1e9));
        System.out.println();
        System.out.print(report.render());
        problems.forEach(problem -> System.out.println("! " + problem));
    }

    // --- warm-up: JIT, pools and the consumer's assignment in place before anything is timed

    private void warmUp(KafkaProducer<String, byte[]> producer) throws Exception {
        List<String> services = names("warm-svc", 2);
        List<ProducerRecord<String, byte[]>> records = IntStream.range(0, options.warmUp())
                .mapToObj(i -> Alerts.record(run + "-warm-" + (i % 4), "critical", services.get(i % 2), "Warm-up alert")).toList();
        Alerts.sendAll(producer, records);
        Handled.Outcome outcome = handled.await(services, records.size(), options.phaseTimeout());
        progress(outcome.complete() ? "warmed up" : "warm-up not handled in " + options.phaseTimeout().toSeconds() + " s");
    }

    // --- storms

    private record Storm(int triggers, long startedAt, long producedAt, Handled.Outcome outcome) {

        double alertsPerSecond() {
            long end = outcome.complete() ? outcome.doneAt() : System.nanoTime();
            return (outcome.complete() ? triggers : Math.max(0, outcome.occurrencesSeen())) / ((end - startedAt) / 1e9);
        }

        String lagZero() {
            return outcome.lagZeroAt() > 0 ? String.format("%.1f s", (outcome.lagZeroAt() - startedAt) / 1e9) : "not reached";
        }
    }

    private Storm storm(KafkaProducer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records, List<String> services)
            throws Exception {
        memory.watching(true);
        try {
            long started = System.nanoTime();
            Alerts.sendAll(producer, records);
            long produced = System.nanoTime();
            return new Storm(records.size(), started, produced, handled.await(services, records.size(), options.phaseTimeout()));
        } finally {
            memory.watching(false);
        }
    }

    private void repeatStorm(KafkaProducer<String, byte[]> producer, double rawRate) throws Exception {
        int keys = options.repeatKeys();
        List<String> services = names("repeat-svc", options.repeatServices());
        List<ProducerRecord<String, byte[]>> records = IntStream.range(0, options.repeatTriggers())
                .mapToObj(i -> Alerts.record(run + "-repeat-" + (i % keys), "critical", services.get(i % keys % services.size()),
                        "Repeat storm alert")).toList();
        Storm storm = storm(producer, records, services);
        stormFigure(String.format("repeat storm: %,d triggers, %d keys, %d services", records.size(), keys, services.size()),
                storm, rawRate, 0.50);
    }

    private void newKeyStorm(KafkaProducer<String, byte[]> producer, double rawRate, double rawProducer) throws Exception {
        List<String> services = names("newkey-svc", options.newKeyServices());
        List<ProducerRecord<String, byte[]>> records = IntStream.range(0, options.newKeys())
                .mapToObj(i -> Alerts.record(run + "-newkey-" + i, "critical", services.get(i % services.size()), "New-key storm alert"))
                .toList();
        RelayWatch relay = new RelayWatch(system);
        Storm storm = storm(producer, records, services);
        stormFigure(String.format("new-key storm: %,d distinct keys, %d services", records.size(), services.size()),
                storm, rawRate, 0.25);
        RelayWatch.Figures relayed = relay.settle(options.phaseTimeout());
        double rate = relayed.perSecond();
        report.figure(String.format("relay: incident-events published/s (%,d events)", relayed.published()),
                perSecond(rate, "ev"), Report.ratio(rate, rawProducer, "raw producer"), ">= 50 %",
                relayed.keptUp() ? null : relayed.caughtUp() && rate >= 0.5 * rawProducer);
        if (!relayed.caughtUp()) {
            report.note(String.format("the relay had published %,d of the %,d incident events the storm wrote when the phase "
                    + "timed out after %s", relayed.published(), relayed.written(), options.phaseTimeout()));
        } else if (relayed.keptUp()) {
            report.note(String.format("the relay kept up (event_relay_lag max %.0f, backlog under 1 s): this is the rate events were"
                    + " written, not the relay's limit", relayed.maxLag()));
        } else {
            report.note(String.format("while it had a backlog: %.1f s, %,d events (event_relay_lag max %.0f); overall %,.0f ev/s",
                    relayed.busySeconds(), relayed.publishedWhileBusy(), relayed.maxLag(), relayed.overallPerSecond()));
        }
        progress(String.format("relay %,.0f events/s", rate));
    }

    private void stormFigure(String figure, Storm storm, double rawRate, double target) {
        double rate = storm.alertsPerSecond();
        report.figure(figure, perSecond(rate, "alerts"), Report.ratio(rate, rawRate, "raw pipeline"),
                String.format(">= %.0f %%", target * 100), storm.outcome().complete() && rate >= target * rawRate);
        if (storm.outcome().complete()) {
            report.note(String.format("produced in %.1f s; all occurrences in incident.alert after %s; group lag 0 after %s",
                    (storm.producedAt() - storm.startedAt()) / 1e9,
                    storm.outcome().readModelRead()
                            ? String.format("%.1f s", (storm.outcome().occurrencesMatchedAt() - storm.startedAt()) / 1e9)
                            : "(unreadable)", storm.lagZero()));
        } else {
            report.note(String.format("NOT handled within %d s: %,d of %,d occurrences (rate so far shown)",
                    options.phaseTimeout().toSeconds(), storm.outcome().occurrencesSeen(), storm.triggers()));
            problems.add(figure + " did not finish: later phases ran with its backlog still queued");
        }
        progress(figure + String.format(": %,.0f alerts/s", rate));
    }

    // --- a new service's first critical alert while a storm drains

    private void declarationUnderStorm(KafkaProducer<String, byte[]> producer, int partitions, double rawRate) throws Exception {
        int keys = options.repeatKeys();
        List<String> stormServices = names("storm-svc", options.repeatServices());
        List<ProducerRecord<String, byte[]>> records = IntStream.range(0, options.stormTriggers())
                .mapToObj(i -> Alerts.record(run + "-storm-" + (i % keys), "critical", stormServices.get(i % keys % stormServices.size()),
                        "Storm alert")).toList();
        // One new service per partition (as far as there are declarations): the figure is the worst partition's.
        Map<String, String> keyOfService = new LinkedHashMap<>();
        for (int d = 0; d < options.declarations(); d++) {
            int partition = d % partitions;
            String key = IntStream.iterate(0, j -> j + 1).mapToObj(j -> run + "-declare-" + partition + "-" + j)
                    .filter(k -> Alerts.partitionOf(k, partitions) == partition).findFirst().orElseThrow();
            keyOfService.put(run + "-new-svc-" + d, key);
        }

        memory.watching(true);
        Map<String, Long> sentAt = new LinkedHashMap<>();
        Map<String, Long> visibleAt = new LinkedHashMap<>();
        Storm storm;
        try {
            long started = System.nanoTime();
            Alerts.sendAll(producer, records);
            long produced = System.nanoTime();
            Thread.sleep(1_000);
            for (var entry : keyOfService.entrySet()) {
                producer.send(Alerts.record(entry.getValue(), "critical", entry.getKey(), "New service down"));
                sentAt.put(entry.getKey(), System.nanoTime());
            }
            producer.flush();
            long deadline = System.nanoTime() + options.phaseTimeout().toNanos();
            while (visibleAt.size() < sentAt.size() && System.nanoTime() < deadline) {
                for (String service : sentAt.keySet()) {
                    if (!visibleAt.containsKey(service) && incidentVisible(service)) {
                        visibleAt.put(service, System.nanoTime());
                    }
                }
                LockSupport.parkNanos(100_000_000L);
            }
            storm = new Storm(records.size(), started, produced, handled.await(stormServices, records.size(), options.phaseTimeout()));
        } finally {
            memory.watching(false);
        }

        List<Double> seconds = sentAt.keySet().stream().filter(visibleAt::containsKey)
                .map(s -> (visibleAt.get(s) - sentAt.get(s)) / 1e9).sorted().toList();
        boolean all = seconds.size() == sentAt.size();
        double worst = seconds.isEmpty() ? Double.NaN : seconds.get(seconds.size() - 1);
        report.figure(String.format("declaration under a %,d-record storm: new service's incident visible, worst of %d",
                        records.size(), sentAt.size()),
                all ? String.format("%.2f s", worst) : String.format("> %d s", options.phaseTimeout().toSeconds()),
                "-", "<= 2 s", all && worst <= 2.0);
        report.note(String.format("GET /incidents?service=... polled every 100 ms, one new service per alerts partition; each: %s",
                seconds.stream().map(s -> String.format("%.2f", s)).toList()));
        stormFigure(String.format("  the storm itself: %,d triggers, %d keys, %d services", records.size(), keys, stormServices.size()),
                storm, rawRate, 0.50);
        progress(String.format("declarations visible after %s s", seconds));
    }

    private boolean incidentVisible(String service) {
        try {
            return JSON.readTree(system.get("/incidents?service=" + service + "&size=1")).path("total").asLong() > 0;
        } catch (Exception e) {
            return false;
        }
    }

    // --- latency at a fixed open-loop rate

    private void latency(KafkaProducer<String, byte[]> producer) throws Exception {
        int keys = options.repeatKeys();
        List<String> services = names("lat-svc", options.repeatServices());
        // Each service gets its open incident first: the sampled new alerts then join it (the common case in a storm).
        Alerts.sendAll(producer, IntStream.range(0, keys)
                .mapToObj(i -> Alerts.record(run + "-lat-" + i, "critical", services.get(i % services.size()), "Steady alert")).toList());
        handled.await(services, keys, options.phaseTimeout());

        int total = options.rate() * options.seconds();
        Map<String, Long> sentMicros = new ConcurrentHashMap<>();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        int sent = 0;
        // Open loop: each alert is due at start + i / rate whatever the service does; a late tick sends what is due.
        while (sent < total) {
            long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * options.rate()));
            for (; sent < due; sent++) {
                ProducerRecord<String, byte[]> record;
                if (sent % options.sampleEvery() == 0) {
                    String key = run + "-lat-new-" + sent;
                    record = Alerts.record(key, "critical", services.get(sent / options.sampleEvery() % services.size()), "New alert");
                    sentMicros.put(key, micros(Instant.now()));
                } else {
                    int k = sent % keys;
                    record = Alerts.record(run + "-lat-" + k, "critical", services.get(k % services.size()), "Steady alert");
                }
                producer.send(record, (metadata, failure) -> {
                    if (failure != null) {
                        failures.incrementAndGet();
                    }
                });
            }
            LockSupport.parkNanos(200_000L);
        }
        producer.flush();
        double sendingSeconds = (System.nanoTime() - start) / 1e9;
        Handled.Outcome outcome = handled.await(services, keys + (long) total, options.phaseTimeout());

        boolean commitTimes = "on".equals(system.databaseSettings(List.of("track_commit_timestamp")).get("track_commit_timestamp"));
        List<Long> latencies;
        try {
            latencies = visibleLatencies(sentMicros, services, commitTimes);
        } catch (java.sql.SQLException e) {
            problems.add("latency: incident.alert could not be read (" + e.getMessage() + ")");
            latencies = new ArrayList<>();
        }
        int unseen = sentMicros.size() - latencies.size();
        // An alert never seen within the phase timeout counts as slower than every seen one, not as absent.
        latencies.addAll(Collections.nCopies(Math.max(0, unseen), Long.MAX_VALUE));
        Collections.sort(latencies);
        String figure = String.format("latency at %,d alerts/s for %d s (achieved %,.0f/s), produce → visible",
                options.rate(), options.seconds(), total / sendingSeconds);
        report.figure(figure + ": p50", millis(percentile(latencies, 50)), "-", "", null);
        report.figure(figure + ": p99", millis(percentile(latencies, 99)), "-", "<= 100 ms",
                outcome.complete() && unseen == 0 && percentile(latencies, 99) <= 100_000);
        report.figure(figure + ": max", millis(latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1)), "-", "", null);
        report.note(String.format("%,d new-key alerts sampled (every %d-th), %,d visible; visible = %s; group lag 0 after %s",
                sentMicros.size(), options.sampleEvery(), sentMicros.size() - unseen,
                commitTimes ? "commit time of its incident.alert row (pg_xact_commit_timestamp)"
                        : "received_at of its incident.alert row (track_commit_timestamp is off: a lower bound)",
                outcome.lagZeroAt() > 0 ? String.format("%.1f s", (outcome.lagZeroAt() - start) / 1e9) : "not reached"));
        if (!outcome.complete()) {
            problems.add(String.format("latency phase: %,d of %,d occurrences handled within %d s", outcome.occurrencesSeen(),
                    keys + (long) total, options.phaseTimeout().toSeconds()));
        }
        if (failures.get() > 0) {
            problems.add(failures.get() + " latency-phase sends failed");
        }
        progress(String.format("latency p50 %s p99 %s", millis(percentile(latencies, 50)), millis(percentile(latencies, 99))));
    }

    /** Micros from each sampled alert's send to when its read-model row became visible, read from the database afterwards. */
    private List<Long> visibleLatencies(Map<String, Long> sentMicros, List<String> services, boolean commitTimes) throws Exception {
        String visible = commitTimes ? "pg_xact_commit_timestamp(xmin)" : "received_at";
        List<Long> latencies = new ArrayList<>();
        try (Connection connection = system.database();
                PreparedStatement query = connection.prepareStatement("select dedup_key, " + visible
                        + " from incident.alert where service = any(?) and dedup_key like ?")) {
            query.setArray(1, connection.createArrayOf("text", services.toArray()));
            query.setString(2, run + "-lat-new-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Long sent = sentMicros.get(rows.getString(1));
                    OffsetDateTime at = rows.getObject(2, OffsetDateTime.class);
                    if (sent != null && at != null) {
                        latencies.add(micros(at.toInstant()) - sent);
                    }
                }
            }
        }
        return latencies;
    }

    // --- helpers

    private List<String> names(String what, int count) {
        return IntStream.range(0, count).mapToObj(i -> run + "-" + what + "-" + i).toList();
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private String millis(long micros) {
        if (micros == Long.MAX_VALUE) {
            return "> " + options.phaseTimeout().toSeconds() + " s";
        }
        return micros < 0 ? "none" : String.format("%,.1f ms", micros / 1e3);
    }

    private static String perSecond(double rate, String unit) {
        return String.format("%,.0f %s/s", rate, unit);
    }

    private static void progress(String line) {
        System.err.println("[" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
    }
}
