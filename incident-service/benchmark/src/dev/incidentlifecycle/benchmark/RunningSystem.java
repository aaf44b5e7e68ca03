package dev.incidentlifecycle.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The system {@code deploy/run up} started: its broker and database (from {@code <data>/infrastructure.properties}),
 * incident-service's HTTP API, and the service processes (from {@code <data>/run/*.pid}).
 */
final class RunningSystem implements AutoCloseable {

    static final String ALERTS = "alerts";
    static final String INCIDENT_EVENTS = "incident-events";
    static final String GROUP = "incident-service";

    final String bootstrapServers;
    final String jdbcUrl;
    final String username;
    final String password;
    final Path pidFolder;
    final Admin admin;
    private final String incidentUrl;
    /** incident-service's management interface: /q/metrics. */
    private final String managementUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RunningSystem(Options options) throws IOException {
        Path file = options.dataFolder().resolve("infrastructure.properties");
        if (!Files.exists(file)) {
            throw new IllegalStateException("No " + file + ": start the system with deploy/run up first");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        this.bootstrapServers = properties.getProperty("KAFKA_BOOTSTRAP_SERVERS");
        this.jdbcUrl = properties.getProperty("DB_JDBC_URL");
        this.username = properties.getProperty("DB_USERNAME");
        this.password = properties.getProperty("DB_PASSWORD", "");
        this.pidFolder = options.dataFolder().resolve("run");
        this.incidentUrl = options.incidentUrl();
        this.managementUrl = options.managementUrl();
        this.token = options.token();
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** A connection to the system's database; {@code parameters} are added to the URL (e.g. reWriteBatchedInserts=true). */
    Connection database(String... parameters) throws SQLException {
        String url = parameters.length == 0 ? jdbcUrl
                : jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + String.join("&", parameters);
        return DriverManager.getConnection(url, username, password);
    }

    /** {@code show <setting>} for each setting, in order. */
    Map<String, String> databaseSettings(List<String> settings) throws SQLException {
        Map<String, String> shown = new LinkedHashMap<>();
        try (Connection connection = database(); Statement statement = connection.createStatement()) {
            for (String setting : settings) {
                try (ResultSet row = statement.executeQuery("show " + setting)) {
                    row.next();
                    shown.put(setting, row.getString(1));
                }
            }
        }
        return shown;
    }

    /** A producer like a sender writing alerts: acks=all, idempotent, small linger so latency starts at send. */
    KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    void createTopic(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    void deleteTopics(List<String> topics) {
        try {
            admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("Could not delete the scratch topics " + topics + ": " + e);
        }
    }

    int partitions(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
    }

    /**
     * Records on {@value #ALERTS} past the committed offsets of group {@value #GROUP}: zero once the alerts consumer
     * has done and committed all its work (the old and the new consumer both commit their offsets to Kafka).
     */
    long alertsLag() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        int partitions = partitions(ALERTS);
        Map<TopicPartition, OffsetSpec> latest = java.util.stream.IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(ALERTS, p)).collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            lag += end.getValue().offset() - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }

    /** GET on incident-service with the bearer token; the body, or an exception for a status other than 200. */
    String get(String pathAndQuery) throws IOException, InterruptedException {
        return get(incidentUrl, pathAndQuery);
    }

    private String get(String url, String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + pathAndQuery))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** The value of an unlabelled or labelled Prometheus gauge on /q/metrics of the management interface (summed over its labels), or -1. */
    double metric(String name) {
        try {
            double sum = 0;
            boolean found = false;
            for (String line : get(managementUrl, "/q/metrics").split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                }
            }
            return found ? sum : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
