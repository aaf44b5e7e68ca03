package dev.incidentlifecycle.actions.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentlifecycle.actions.ReviewOutcomes;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.infra.SigningKeys;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Not a test: a benchmark command against a running actions-service (e.g. started by {@code deploy/run up}).
 * It loads action items the way they really arrive, as {@code review.published} outcomes on {@code review-events},
 * waits until the service has them all, closes a share of them through the API, then measures the team list
 * and the team summary under concurrent load and prints requests/s and p50/p99 latency.
 *
 * <pre>
 *   actions-service/benchmark/team-queries.sh --keys .data/keys            # 100,000 items over 200 teams
 *   actions-service/benchmark/team-queries.sh --token "$TOKEN" --no-load   # measure only, on what is there
 * </pre>
 *
 * Options: {@code --url http://127.0.0.1:8083}, {@code --bootstrap 127.0.0.1:9092}, {@code --items 100000},
 * {@code --teams 200}, {@code --items-per-review 5}, {@code --closed-share 0.3}, {@code --concurrency 32},
 * {@code --warmup 5s}, {@code --duration 30s}, {@code --no-load}; a token from {@code --token}, the
 * {@code ACTIONS_TOKEN} variable, or signed here with the launcher's keys ({@code --keys <folder>}).
 */
public final class TeamQueriesBenchmark {

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;
    private final int teams;

    private TeamQueriesBenchmark(Map<String, String> options) {
        this.options = options;
        this.base = URI.create(option("url", "http://127.0.0.1:8083"));
        this.token = token();
        this.teams = Integer.parseInt(option("teams", "200"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            boolean flag = i + 1 == args.length || args[i + 1].startsWith("--");
            options.put(args[i].substring(2), flag ? "true" : args[++i]);
        }
        new TeamQueriesBenchmark(options).run();
    }

    private void run() throws Exception {
        if (!Boolean.parseBoolean(option("no-load", "false"))) {
            List<UUID> ids = load();
            close(ids, Double.parseDouble(option("closed-share", "0.3")));
        }
        int concurrency = Integer.parseInt(option("concurrency", "32"));
        Duration warmup = Duration.parse("PT" + option("warmup", "5s"));
        Duration duration = Duration.parse("PT" + option("duration", "30s"));
        System.out.printf("%n%-14s %9s %10s %9s %9s %7s   (%d concurrent clients, %s each)%n",
                "query", "requests", "req/s", "p50 ms", "p99 ms", "errors", concurrency, duration);
        measure("team list", team -> "/action-items?team=" + team + "&size=50", concurrency, warmup, duration);
        measure("team list open", team -> "/action-items?team=" + team + "&status=OPEN,IN_PROGRESS&size=50", concurrency, warmup, duration);
        measure("team summary", team -> "/teams/" + team + "/action-items/summary", concurrency, warmup, duration);
    }

    /** Publishes the outcomes, then waits until the service lists every item. */
    private List<UUID> load() throws Exception {
        int items = Integer.parseInt(option("items", "100000"));
        int perReview = Integer.parseInt(option("items-per-review", "5"));
        long before = total();
        SplittableRandom random = new SplittableRandom(42);
        List<UUID> ids = new ArrayList<>(items);
        String[] types = {"PREVENT", "DETECT", "MITIGATE", "PROCESS", "LEARN"};
        String[] severities = {"SEV1", "SEV2", "SEV3", "SEV4"};
        LocalDate today = LocalDate.now();
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, option("bootstrap", "127.0.0.1:9092"),
                ProducerConfig.LINGER_MS_CONFIG, "20",
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (int first = 0; first < items; first += perReview) {
                UUID review = UUID.randomUUID();
                Instant publishedAt = Instant.now().minus(Duration.ofDays(random.nextInt(0, 120)));
                ObjectNode data = EventJson.mapper().createObjectNode();
                data.put("reviewId", review.toString());
                data.put("incidentId", UUID.randomUUID().toString());
                data.put("incidentNumber", "INC-" + (first / perReview + 1));
                data.put("severity", severities[random.nextInt(severities.length)]);
                data.put("service", "service-" + random.nextInt(50));
                data.put("publishedAt", publishedAt.toString());
                data.put("actor", "benchmark");
                ArrayNode list = data.putArray("actionItems");
                for (int i = first; i < Math.min(items, first + perReview); i++) {
                    UUID id = UUID.randomUUID();
                    ids.add(id);
                    ObjectNode item = list.addObject();
                    item.put("actionItemId", id.toString());
                    item.put("title", "Action item " + i);
                    item.put("type", types[random.nextInt(types.length)]);
                    item.put("ownerTeam", team(i % teams));
                    item.put("priority", "P" + random.nextInt(1, 5));
                    // Half with a due date spread around today (some overdue), half left to the SLA.
                    item.put("dueDate", random.nextBoolean() ? today.plusDays(random.nextInt(-60, 120)).toString() : null);
                }
                producer.send(ReviewOutcomes.cloudEvent("review.published", UUID.randomUUID().toString(), review.toString(),
                        data.toString().getBytes(StandardCharsets.UTF_8), publishedAt));
            }
            producer.flush();
        }
        System.out.printf("published %d items in %d reviews; waiting for the service...%n", items, (items + perReview - 1) / perReview);
        long expected = before + items;
        long seen;
        while ((seen = total()) < expected) {
            System.out.printf("  %d of %d items%n", seen - before, items);
            TimeUnit.SECONDS.sleep(2);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("loaded %d items in %.1f s (%.0f items/s through Kafka, consumer, event store and projection)%n",
                items, seconds, items / seconds);
        return ids;
    }

    /** Starts and completes or closes a share of the items through the API, so the summaries have every status. */
    private void close(List<UUID> ids, double share) throws Exception {
        int count = (int) (ids.size() * share);
        if (count == 0) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicLong failed = new AtomicLong();
        long started = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = ids.get(i);
            String command = switch (i % 3) {
                case 0 -> "start";
                case 1 -> "complete";
                default -> "wont-do";
            };
            String body = switch (command) {
                case "complete" -> "{\"resolutionNote\": \"done in the benchmark\"}";
                case "wont-do" -> "{\"justification\": \"not needed in the benchmark\"}";
                default -> null;
            };
            work.add(pool.submit(() -> {
                if (post("/action-items/" + id + "/" + command, body) != 200) {
                    failed.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("changed %d items through the API in %.1f s (%d failed)%n", count,
                (System.nanoTime() - started) / 1e9, failed.get());
    }

    private void measure(String name, IntFunction<String> path, int concurrency, Duration warmup, Duration duration) throws Exception {
        run(path, concurrency, warmup);
        Result result = run(path, concurrency, duration);
        long[] sorted = result.latencies();
        Arrays.sort(sorted);
        System.out.printf("%-14s %9d %10.0f %9.2f %9.2f %7d%n", name, sorted.length, sorted.length / (duration.toMillis() / 1000.0),
                percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, result.errors());
    }

    private record Result(long[] latencies, long errors) {
    }

    private Result run(IntFunction<String> path, int concurrency, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong errors = new AtomicLong();
        List<Future<long[]>> clients = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            long seed = c;
            clients.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                long[] latencies = new long[1024];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    int status = get(path.apply(random.nextInt(teams)));
                    long took = System.nanoTime() - start;
                    if (status != 200) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = took;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> client : clients) {
            all.add(client.get());
        }
        pool.shutdown();
        return new Result(all.stream().flatMapToLong(Arrays::stream).toArray(), errors.get());
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private long total() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/action-items?size=1").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /action-items answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode page = EventJson.mapper().readTree(response.body());
        return page.get("total").asLong();
    }

    private int get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int post(String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
    }

    private static String team(int n) {
        return String.format("bench-team-%03d", n);
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** An admin's token: reads everything and may close any team's items. */
    private String token() {
        String given = options.getOrDefault("token", System.getenv("ACTIONS_TOKEN"));
        if (given != null && !given.isBlank()) {
            return given;
        }
        String keys = options.get("keys");
        if (keys == null) {
            throw new IllegalArgumentException("give --token, ACTIONS_TOKEN, or --keys <folder with the launcher's signing keys>");
        }
        return Jwt.claims().issuer(SigningKeys.ISSUER).subject("benchmark").upn("benchmark").groups(Set.of("admin"))
                .expiresIn(Duration.ofHours(2))
                .jws().algorithm(SignatureAlgorithm.RS256).sign(SigningKeys.load(Path.of(keys)).privateKey());
    }
}
