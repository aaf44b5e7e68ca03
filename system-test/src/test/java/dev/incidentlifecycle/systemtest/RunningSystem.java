package dev.incidentlifecycle.systemtest;

import dev.incidentlifecycle.infra.DevToken;
import dev.incidentlifecycle.infra.EmbeddedKafka;
import dev.incidentlifecycle.infra.EmbeddedPostgres;
import dev.incidentlifecycle.infra.Infrastructure;
import dev.incidentlifecycle.infra.LoopbackPorts;
import dev.incidentlifecycle.infra.SigningKeys;
import dev.incidentlifecycle.infra.Topics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole system as deploy/run runs it: Kafka and PostgreSQL started from the infrastructure library,
 * and each packaged service as its own process with the same environment variables, two incident-service
 * instances in one consumer group, review-, actions- and notification-service one each. Everything it starts, it stops.
 */
final class RunningSystem implements AutoCloseable {

    static final String INTEGRATION_KEY = "system-test-integration-key";

    private final Path root = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();
    private final Path folder = root.resolve("system-test/target/system-test");
    private final Infrastructure infrastructure;
    /** The broker started by {@link #restartBroker()} in place of the infrastructure's own, once it has run. */
    private EmbeddedKafka restartedBroker;
    private final SigningKeys keys;
    private final Map<String, String> environment = new LinkedHashMap<>();
    /** The services' JVM options, the launcher's ({@code deploy/service-jvm.options}). */
    private final List<String> jvmOptions;
    private final List<ServiceProcess> services = new ArrayList<>();
    final ServiceProcess incidentA;
    final ServiceProcess incidentB;
    /** Started by the storm test while the storm runs: an instance joining the group mid-storm. */
    final ServiceProcess incidentC;
    final ServiceProcess reviews;
    final ServiceProcess actions;
    final ServiceProcess notifications;

    RunningSystem() throws IOException {
        jvmOptions = Files.readAllLines(root.resolve("deploy/service-jvm.options")).stream()
                .filter(line -> !line.startsWith("#")).flatMap(line -> Arrays.stream(line.trim().split("\\s+")))
                .filter(option -> !option.isEmpty()).toList();
        deleteRecursively(folder);
        Files.createDirectories(folder.resolve("logs"));
        infrastructure = Infrastructure.start(Infrastructure.Settings.freePorts(folder));
        infrastructure.createTopics(Topics.STANDARD);
        Infrastructure.SERVICE_SCHEMAS.forEach(infrastructure::createSchema);
        keys = SigningKeys.generate();
        keys.save(folder.resolve("keys"));

        environment.putAll(infrastructure.environment());
        environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", SigningKeys.publicKeyFile(folder.resolve("keys")).toString());
        environment.put("MP_JWT_VERIFY_ISSUER", SigningKeys.ISSUER);
        environment.put("INCIDENTS_INTEGRATION_KEYS", INTEGRATION_KEY);
        environment.put("INCIDENTS_ALERTMANAGER_TOKENS", INTEGRATION_KEY);
        // As the launcher: notification-service may deliver webhooks to receivers on this machine.
        environment.put("NOTIFICATION_ALLOW_LOOPBACK", "true");

        incidentA = service("incident-service-a", "incident-service");
        incidentB = service("incident-service-b", "incident-service");
        incidentC = service("incident-service-c", "incident-service");
        reviews = service("review-service", "review-service");
        actions = service("actions-service", "actions-service");
        notifications = service("notification-service", "notification-service");
    }

    private ServiceProcess service(String name, String module) {
        ServiceProcess service = new ServiceProcess(name, root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"),
                jvmOptions, LoopbackPorts.free(), environment, folder.resolve("logs"));
        services.add(service);
        return service;
    }

    /** An incident-service started as an operator would who forgot to configure any integration key. */
    ServiceProcess incidentServiceWithoutIntegrationKeys() {
        Map<String, String> withoutKeys = new LinkedHashMap<>(environment);
        withoutKeys.remove("INCIDENTS_INTEGRATION_KEYS");
        withoutKeys.remove("INCIDENTS_ALERTMANAGER_TOKENS");
        ServiceProcess service = new ServiceProcess("incident-service-without-keys", root.resolve("incident-service/target/quarkus-app/quarkus-run.jar"),
                jvmOptions, LoopbackPorts.free(), withoutKeys, folder.resolve("logs"));
        services.add(service);
        return service;
    }

    RunningSystem start() throws IOException {
        for (ServiceProcess service : services) {
            if (service != incidentC) {
                service.start();
            }
        }
        for (ServiceProcess service : services) {
            if (service != incidentC) {
                service.awaitReady(Duration.ofMinutes(3));
            }
        }
        return this;
    }

    String bootstrapServers() {
        return infrastructure.bootstrapServers();
    }

    String token(String subject, List<String> roles, List<String> teams) {
        return DevToken.sign(keys, subject, roles, teams, Duration.ofHours(2), Instant.now());
    }

    /** The key the services trust tokens of: for tests that forge tokens it would sign differently. */
    SigningKeys signingKeys() {
        return keys;
    }

    /**
     * Shuts the broker down and starts it again on the same ports and data (the topics, their records and the
     * consumer groups' positions survive); the services are left to reconnect by themselves.
     */
    void restartBroker() {
        EmbeddedKafka broker = restartedBroker != null ? restartedBroker : infrastructure.embeddedKafka()
                .orElseThrow(() -> new IllegalStateException("the broker is not the embedded one: it cannot be restarted from here"));
        broker.close();
        restartedBroker = EmbeddedKafka.start(broker.dataFolder(), broker.port(), broker.controllerPort());
    }

    /**
     * Stops PostgreSQL (open connections cut, as when the database goes away) and starts it again on the same port
     * and data; the services are left to reconnect by themselves.
     */
    void restartDatabase() {
        EmbeddedPostgres postgres = infrastructure.embeddedPostgres()
                .orElseThrow(() -> new IllegalStateException("the database is not the embedded one: it cannot be restarted from here"));
        postgres.stopServer();
        postgres.startServer();
    }

    @Override
    public void close() throws Exception {
        Exception failure = null;
        for (ServiceProcess service : services) {
            try {
                service.close();
            } catch (Exception e) {
                failure = e;
            }
        }
        if (restartedBroker != null) {
            restartedBroker.close();
        }
        infrastructure.close();
        if (failure != null) {
            throw failure;
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
