package dev.incidentlifecycle.testing;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import dev.incidentlifecycle.infra.DatabaseUrls;
import dev.incidentlifecycle.infra.SigningKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka broker (KRaft) and a real PostgreSQL for {@code @QuarkusTest}s: started once per test JVM, on
 * free loopback ports with their data in a temporary folder, and shared by every test class of the module
 * (across test profiles too). Environment variables can name an existing broker or database instead
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code DB_JDBC_URL} + {@code DB_REACTIVE_URL}, {@code DB_USERNAME},
 * {@code DB_PASSWORD}, see {@link dev.incidentlifecycle.infra.Infrastructure}). Dev Services are switched off.
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
 * class IncidentResourceTest { ... }
 * }</pre>
 *
 * <p>The {@code schema} argument names the service's schema: it is created if missing and selected by both
 * datasource URLs, so Flyway and Hibernate Reactive work in it. The standard topics ({@code Topics.STANDARD})
 * exist with their partitions before the application starts. Tokens from {@link Tokens} are accepted.
 *
 * <p>The broker and the database stay up until the JVM exits; {@link #stop()} does nothing.
 *
 * <p>Two things a service must do itself:
 * <ul>
 * <li>put {@code quarkus.devservices.enabled=false} in its {@code application.properties}: Dev Services are
 *     decided while Quarkus builds the test application, before any test resource starts, so the same key in
 *     the configuration returned here comes too late to stop them looking for Docker;</li>
 * <li>use one schema in all its test classes: Quarkus starts every {@code @QuarkusTestResource} of a module for
 *     every test class (unless {@code restrictToAnnotatedClass = true}), and one of the schemas would win.</li>
 * </ul>
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    /** The init argument naming the service's schema. */
    public static final String SCHEMA = "schema";

    private static final ObjectName NAME = objectName("dev.incidentlifecycle.testing:type=SharedInfrastructure");

    private static volatile SharedInfrastructureMBean shared;

    private String schema;

    @Override
    public void init(Map<String, String> initArgs) {
        schema = initArgs.get(SCHEMA);
    }

    @Override
    public Map<String, String> start() {
        SharedInfrastructureMBean infrastructure = shared();
        if (schema != null && !schema.isBlank()) {
            infrastructure.createSchema(schema);
        }
        return quarkusConfig(infrastructure, schema);
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM: it stops when the JVM exits.
    }

    /**
     * The configuration a service needs to run against {@code infrastructure}, in {@code schema} (none: the
     * database's default search path).
     */
    static Map<String, String> quarkusConfig(SharedInfrastructureMBean infrastructure, String schema) {
        boolean hasSchema = schema != null && !schema.isBlank();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", infrastructure.getBootstrapServers());
        config.put("quarkus.datasource.jdbc.url", hasSchema
                ? DatabaseUrls.jdbcWithSchema(infrastructure.getJdbcUrl(), schema) : infrastructure.getJdbcUrl());
        config.put("quarkus.datasource.reactive.url", hasSchema
                ? DatabaseUrls.reactiveWithSchema(infrastructure.getReactiveUrl(), schema) : infrastructure.getReactiveUrl());
        config.put("quarkus.datasource.username", infrastructure.getUsername());
        config.put("quarkus.datasource.password", infrastructure.getPassword());
        config.put("quarkus.devservices.enabled", "false");
        config.put("mp.jwt.verify.publickey", Tokens.keys().publicKeyBase64());
        config.put("mp.jwt.verify.issuer", SigningKeys.ISSUER);
        return config;
    }

    /** {@code host:port} of the broker, for clients a test makes itself. */
    public static String bootstrapServers() {
        return shared().getBootstrapServers();
    }

    /**
     * Writes records to the broker and waits until each is acknowledged, in order: records with one key
     * land on one partition in the order given.
     */
    @SafeVarargs
    public static void produce(ProducerRecord<String, byte[]>... records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("producing to " + records[0].topic() + " failed", e.getCause());
        }
    }

    /** The broker: its address and topic creation. */
    public static KafkaBroker kafka() {
        return new KafkaBroker(shared().getBootstrapServers());
    }

    /** The database, and its server process when embedded (to stop and start it under a running service). */
    public static DatabaseServer postgres() {
        return new DatabaseServer(shared());
    }

    /**
     * The JVM's one infrastructure, started by the first caller in any Quarkus class loader and found through
     * the platform MBean server by the others.
     */
    static SharedInfrastructureMBean shared() {
        SharedInfrastructureMBean known = shared;
        if (known != null) {
            return known;
        }
        synchronized (RealInfrastructure.class) {
            if (shared == null) {
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                // The platform MBean server is the same object for every class loader: locking it keeps two
                // Quarkus applications of this JVM from both starting a broker.
                synchronized (server) {
                    if (!server.isRegistered(NAME)) {
                        register(server, startHere());
                    }
                }
                shared = JMX.newMBeanProxy(server, NAME, SharedInfrastructureMBean.class);
            }
            return shared;
        }
    }

    private static SharedInfrastructure startHere() {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "real-infrastructure-" + ProcessHandle.current().pid());
        long started = System.nanoTime();
        SharedInfrastructure infrastructure = SharedInfrastructure.start(folder, System.getenv());
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "real-infrastructure-stop"));
        System.out.printf("RealInfrastructure: Kafka %s, PostgreSQL %s (started in %d ms)%n",
                infrastructure.getBootstrapServers(), infrastructure.getJdbcUrl(), (System.nanoTime() - started) / 1_000_000);
        return infrastructure;
    }

    private static void register(MBeanServer server, SharedInfrastructure infrastructure) {
        try {
            server.registerMBean(new StandardMBean(infrastructure, SharedInfrastructureMBean.class), NAME);
        } catch (JMException e) {
            infrastructure.close();
            throw new IllegalStateException("Could not share the test infrastructure through JMX", e);
        }
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
