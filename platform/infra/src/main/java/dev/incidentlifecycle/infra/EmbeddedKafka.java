package dev.incidentlifecycle.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) from Apache Kafka's own jars, running
 * in this JVM and listening on 127.0.0.1 only.
 *
 * <p>The data folder is formatted on first use only, so a broker started again on the same folder finds its
 * topics and records again. The controller quorum is static ({@code controller.quorum.voters}), which lets a
 * restarted broker use other ports than before (tests pick free ports each time).
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start(folder, 0, 0)) {
 *     kafka.createTopics(Map.of("alerts", 6));
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataFolder;
    private final int port;
    private final int controllerPort;
    private final KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(Path dataFolder, int port, int controllerPort, KafkaRaftServer server) {
        this.dataFolder = dataFolder;
        this.port = port;
        this.controllerPort = controllerPort;
        this.server = server;
    }

    /** A broker on free ports. */
    public static EmbeddedKafka start(Path dataFolder) {
        return start(dataFolder, 0, 0);
    }

    /**
     * Starts a broker whose clients connect to {@code 127.0.0.1:port} and whose controller listens on
     * {@code controllerPort}; 0 picks a free port. Returns once the broker accepts clients.
     */
    public static EmbeddedKafka start(Path dataFolder, int port, int controllerPort) {
        Objects.requireNonNull(dataFolder, "dataFolder");
        QuietLogs.apply();
        int clientPort = LoopbackPorts.orFree(port);
        int quorumPort = LoopbackPorts.orFree(controllerPort);
        if (clientPort == quorumPort) {
            throw new IllegalArgumentException("Kafka needs two different ports, got " + clientPort + " twice");
        }
        Path folder = dataFolder.toAbsolutePath();
        try {
            Files.createDirectories(folder);
            KafkaConfig config = new KafkaConfig(brokerProperties(folder, clientPort, quorumPort), false);
            formatIfNew(folder, config);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            EmbeddedKafka kafka = new EmbeddedKafka(folder, clientPort, quorumPort, server);
            try {
                server.startup();
                Topics.awaitBroker(kafka.bootstrapServers(), READY_TIMEOUT);
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
            return kafka;
        } catch (IOException e) {
            throw new IllegalStateException("Could not prepare the Kafka data folder " + folder, e);
        }
    }

    private static Map<String, Object> brokerProperties(Path folder, int clientPort, int quorumPort) {
        String host = LoopbackPorts.HOST;
        Map<String, Object> properties = new HashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", String.valueOf(NODE_ID));
        properties.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + quorumPort);
        properties.put("listeners", "PLAINTEXT://" + host + ":" + clientPort + "," + CONTROLLER_LISTENER + "://" + host + ":" + quorumPort);
        properties.put("advertised.listeners", "PLAINTEXT://" + host + ":" + clientPort);
        properties.put("controller.listener.names", CONTROLLER_LISTENER);
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        properties.put("log.dirs", folder.toString());
        properties.put("metadata.log.dir", folder.toString());
        // One node: every internal topic has one replica.
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "10");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", "10");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("auto.create.topics.enable", "true");
        properties.put("num.partitions", "1");
        return properties;
    }

    private static void formatIfNew(Path folder, KafkaConfig config) {
        if (Files.exists(folder.resolve("meta.properties"))) {
            return;
        }
        try (PrintStream silent = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(silent)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(List.of(folder.toString()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the Kafka data folder " + folder, e);
        }
    }

    /** {@code 127.0.0.1:<port>}, what clients put in {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return LoopbackPorts.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataFolder() {
        return dataFolder;
    }

    /**
     * Creates each topic with its number of partitions (one replica), skipping topics that exist already, and
     * returns once the broker serves all of them.
     */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        Topics.create(bootstrapServers(), partitionsByTopic, READY_TIMEOUT);
    }

    /** Shuts the broker down cleanly; its data stays in the data folder. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
    }

    @Override
    public String toString() {
        return "Kafka at " + bootstrapServers() + " (controller " + controllerPort + ", data " + dataFolder + ")";
    }
}
