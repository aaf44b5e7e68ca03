package dev.incidentlifecycle.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.incidentlifecycle.deploycheck.KafkaAccess.Acl;
import dev.incidentlifecycle.infra.LoopbackPorts;
import dev.incidentlifecycle.infra.Topics;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * The ACLs of deploy/ enforced by a real broker: a Kafka broker from Apache Kafka's jars, set up like compose's (SCRAM
 * logins, the StandardAuthorizer, no access without an ACL), gets the users and ACLs compose's kafka-setup creates
 * (KafkaAclTest shows they equal Kubernetes' KafkaUsers). Then each service, logged in as itself, tries everything on
 * the system's topics, groups and transactional ids: what its configuration needs ({@link KafkaAccess}) succeeds,
 * everything else is refused. One line per try is printed.
 */
class KafkaAclEnforcementTest {

    private static final String PASSWORD = "password-of-";
    private static KafkaRaftServer broker;
    private static String saslAddress;
    private static String brokerAddress;

    @TempDir
    static Path data;

    static List<String> services() {
        return Repository.services();
    }

    @BeforeAll
    static void startABrokerSetUpLikeComposes() throws Exception {
        // A broker that cannot start must fail this test, not end the test JVM.
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("the Kafka broker gave up (" + status + "): " + message);
        });
        Exit.setHaltProcedure((status, message) -> {
            throw new IllegalStateException("the Kafka broker gave up (" + status + "): " + message);
        });
        ComposeFile compose = ComposeFile.load();
        Map<String, String> composeBroker = compose.environment("kafka");
        int sasl = LoopbackPorts.free();
        int plain = LoopbackPorts.free();
        int controller = LoopbackPorts.free();
        saslAddress = "127.0.0.1:" + sasl;
        brokerAddress = "127.0.0.1:" + plain;
        Map<String, Object> properties = new HashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@127.0.0.1:" + controller);
        String listeners = "SASL_PLAINTEXT://" + saslAddress + ",BROKER://" + brokerAddress;
        String protocols = composeBroker.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").replace("HOST:SASL_PLAINTEXT,", "");
        properties.put("listeners", listeners + ",CONTROLLER://127.0.0.1:" + controller);
        properties.put("advertised.listeners", listeners);
        properties.put("listener.security.protocol.map", protocols);
        properties.put("controller.listener.names", composeBroker.get("KAFKA_CONTROLLER_LISTENER_NAMES"));
        properties.put("inter.broker.listener.name", composeBroker.get("KAFKA_INTER_BROKER_LISTENER_NAME"));
        properties.put("sasl.enabled.mechanisms", composeBroker.get("KAFKA_SASL_ENABLED_MECHANISMS"));
        // compose.yaml's kafka-jaas config, as a listener property.
        properties.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        properties.put("authorizer.class.name", composeBroker.get("KAFKA_AUTHORIZER_CLASS_NAME"));
        properties.put("super.users", composeBroker.get("KAFKA_SUPER_USERS"));
        properties.put("allow.everyone.if.no.acl.found", composeBroker.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"));
        properties.put("auto.create.topics.enable", composeBroker.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"));
        properties.put("log.dirs", data.toString());
        properties.put("metadata.log.dir", data.toString());
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        KafkaConfig config = new KafkaConfig(properties, false);
        try (PrintStream silent = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter().setPrintStream(silent).setNodeId(1).setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER").setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(List.of(data.toString())).run();
        }
        broker = new KafkaRaftServer(config, Time.SYSTEM);
        broker.startup();

        // What kafka-setup does, through the broker's own listener (no login there, as in compose).
        ComposeKafkaSetup setup = ComposeKafkaSetup.of(compose);
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokerAddress))) {
            List<NewTopic> topics = new ArrayList<>();
            Topics.STANDARD.forEach((topic, partitions) -> topics.add(new NewTopic(topic, partitions, (short) 1)));
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            List<org.apache.kafka.clients.admin.UserScramCredentialAlteration> users = new ArrayList<>();
            for (String user : setup.users().keySet()) {
                users.add(new UserScramCredentialUpsertion(user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORD + user));
            }
            admin.alterUserScramCredentials(users).all().get(60, TimeUnit.SECONDS);
            List<AclBinding> bindings = new ArrayList<>();
            setup.acls().forEach((user, acls) -> acls.forEach(acl -> bindings.add(new AclBinding(
                    new ResourcePattern(resourceType(acl.resourceType()), acl.resource(), PatternType.LITERAL),
                    new AccessControlEntry("User:" + user, "*", AclOperation.fromString(acl.operation()), AclPermissionType.ALLOW)))));
            admin.createAcls(bindings).all().get(60, TimeUnit.SECONDS);
        }
        // A record at the start of every topic's first partition: a read that is allowed gets it.
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokerAddress), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String topic : Topics.STANDARD.keySet()) {
                producer.send(new ProducerRecord<>(topic, 0, null, new byte[0])).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    static void stopTheBroker() {
        if (broker != null) {
            broker.shutdown();
            broker.awaitShutdown();
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServiceMayDoWhatItsConfigurationNeedsAndNothingElse(String service) throws Exception {
        Set<Acl> needed = KafkaAccess.of(ServiceConfiguration.of(service)).acls();
        Set<String> groups = new TreeSet<>();
        Set<String> transactionalIds = new TreeSet<>();
        for (String other : services()) {
            for (Acl acl : KafkaAccess.of(ServiceConfiguration.of(other)).acls()) {
                (acl.resourceType().equals("group") ? groups : acl.resourceType().equals("transactional-id") ? transactionalIds : new TreeSet<String>())
                        .add(acl.resource());
            }
        }
        List<String> mismatches = new ArrayList<>();
        for (String topic : Topics.STANDARD.keySet()) {
            check(service, new Acl("topic", topic, "Read"), needed, () -> read(service, topic), mismatches);
            check(service, new Acl("topic", topic, "Write"), needed, () -> write(service, topic), mismatches);
        }
        String consumed = needed.stream().filter(acl -> acl.resourceType().equals("topic") && acl.operation().equals("Read"))
                .map(Acl::resource).findFirst().orElseThrow();
        for (String group : groups) {
            check(service, new Acl("group", group, "Read"), needed, () -> positionIn(service, group, consumed), mismatches);
        }
        String ownTopic = needed.stream().filter(acl -> acl.resourceType().equals("topic") && acl.operation().equals("Write"))
                .map(Acl::resource).findFirst().orElseThrow();
        for (String transactionalId : transactionalIds) {
            check(service, new Acl("transactional-id", transactionalId, "Write"), needed,
                    () -> writeInTransaction(service, transactionalId, ownTopic), mismatches);
        }

        assertThat(mismatches).as("what the broker let " + service + " do against what its configuration needs").isEmpty();
    }

    private interface Attempt {
        void run() throws Exception;
    }

    private static void check(String service, Acl acl, Set<Acl> needed, Attempt attempt, List<String> mismatches) {
        boolean expected = needed.contains(acl);
        String observed;
        try {
            attempt.run();
            observed = "allowed";
        } catch (AuthorizationException refused) {
            observed = "refused";
        } catch (Exception e) {
            observed = "failed: " + e;
        }
        String line = String.format("%-20s %-45s expected %-8s observed %s", service, acl, expected ? "allowed" : "refused", observed);
        System.out.println(line);
        if (!observed.equals(expected ? "allowed" : "refused")) {
            mismatches.add(line);
        }
    }

    /** Fetches the first record of the topic's first partition (a fetch needs Read on the topic). */
    private static void read(String service, String topic) throws Exception {
        Map<String, Object> config = login(service);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seek(partition, 0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("neither a record nor a refusal from " + topic + " in 20 s");
                }
            }
        }
    }

    /** Reads and commits the group's position in a topic the service reads (Read on the group). */
    private static void positionIn(String service, String group, String topic) throws Exception {
        Map<String, Object> config = login(service);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.committed(Set.of(partition), Duration.ofSeconds(10));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(0)), Duration.ofSeconds(10));
        }
    }

    /** An idempotent, acknowledged write, as every producer of the services makes. */
    private static void write(String service, String topic) throws Exception {
        Map<String, Object> config = login(service);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, new byte[0])).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The relay's way: a transaction under the transactional id, written to the service's own topic. */
    private static void writeInTransaction(String service, String transactionalId, String topic) throws Exception {
        Map<String, Object> config = login(service);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, new byte[0]));
            producer.commitTransaction();
        } catch (KafkaException e) {
            throw e.getCause() instanceof AuthorizationException refused ? refused : e;
        }
    }

    /** The settings a service's Kafka clients get in compose (KAFKA_* of its environment), its own login. */
    private static Map<String, Object> login(String service) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, saslAddress);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, ComposeFile.load().environment(service).get("KAFKA_SECURITY_PROTOCOL"));
        config.put("sasl.mechanism", ComposeFile.load().environment(service).get("KAFKA_SASL_MECHANISM"));
        config.put("sasl.jaas.config", jaas(service));
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return config;
    }

    /** The login line Strimzi puts in a KafkaUser's Secret (and compose in KAFKA_SASL_JAAS_CONFIG). */
    private static String jaas(String service) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + service
                + "\" password=\"" + PASSWORD + service + "\";";
    }

    private static ResourceType resourceType(String type) {
        return switch (type) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "transactional-id" -> ResourceType.TRANSACTIONAL_ID;
            default -> throw new AssertionError("unknown resource type " + type);
        };
    }
}
