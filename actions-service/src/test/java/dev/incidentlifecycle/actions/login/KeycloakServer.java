package dev.incidentlifecycle.actions.login;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A real Keycloak (the {@code keycloak-quarkus-dist} the build unpacks under {@code target/}, path in the
 * {@code keycloak.home} system property), run with a Java 21+ JDK, on 127.0.0.1 and free ports, with the realm
 * {@code keycloak/incident-lifecycle-realm.json} imported into an in-memory database. The service under test is
 * pointed at it with {@code oidc.issuer} / {@code oidc.audience} (what {@code OIDC_ISSUER} / {@code OIDC_AUDIENCE}
 * set), and it is stopped, with its process tree, when the test class is done.
 */
public class KeycloakServer implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = "incident-lifecycle";
    public static final String AUDIENCE = "incident-lifecycle";
    private static final String REALM_FILE = "keycloak/" + REALM + "-realm.json";
    private static final Duration STARTUP = Duration.ofMinutes(10);

    private static volatile String issuer;

    private Process process;

    /** The realm's issuer URL, once started. */
    public static String issuer() {
        return issuer;
    }

    /** The realm's token endpoint (password grant for the test users). */
    public static URI tokenEndpoint() {
        return URI.create(issuer + "/protocol/openid-connect/token");
    }

    @Override
    public Map<String, String> start() {
        Path home = home();
        Path java = java21OrLater();
        int port = freePort();
        String url = "http://127.0.0.1:" + port + "/realms/" + REALM;
        importRealm(home);
        Path log = home.resolveSibling("keycloak.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + freePort(),
                "--db=dev-mem", "--import-realm")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", java.toString());
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        long started = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + home.resolve("bin/kc.sh"), e);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        await("Keycloak answering at " + url + " (log: " + log + ")")
                .atMost(STARTUP).pollInterval(Duration.ofMillis(500))
                .failFast("Keycloak exited; its log is " + log, () -> !process.isAlive())
                .ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(URI.create(url + "/.well-known/openid-configuration")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        System.out.printf("KeycloakServer: %s with %s (started in %d ms)%n", url, java, (System.nanoTime() - started) / 1_000_000);
        issuer = url;
        return Map.of(
                "oidc.issuer", url,
                "oidc.audience", AUDIENCE,
                "oidc.roles-claim", "realm_access.roles",
                "oidc.teams-claim", "groups",
                "oidc.role-mapping", "responder=responder,reviewer=reviewer,platform-leads=admin");
    }

    @Override
    public void stop() {
        if (process == null) {
            return;
        }
        // kc.sh starts the JVM as its child: end the whole tree.
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle handle : tree) {
                handle.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        process = null;
        issuer = null;
    }

    private static Path home() {
        String configured = System.getProperty("keycloak.home");
        if (configured == null || !Files.isExecutable(Path.of(configured, "bin", "kc.sh"))) {
            throw new IllegalStateException("No Keycloak at keycloak.home=" + configured
                    + ": run the test through Maven, whose build unpacks org.keycloak:keycloak-quarkus-dist there");
        }
        return Path.of(configured).toAbsolutePath();
    }

    private static void importRealm(Path home) {
        Path imports = home.resolve("data/import");
        try (InputStream realm = KeycloakServer.class.getClassLoader().getResourceAsStream(REALM_FILE)) {
            if (realm == null) {
                throw new IllegalStateException(REALM_FILE + " is not on the test class path");
            }
            Files.createDirectories(imports);
            Files.copy(realm, imports.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not place the realm under " + imports, e);
        }
    }

    /**
     * Keycloak 26 needs Java 21 or later while the build runs on 17: {@code KEYCLOAK_JAVA_HOME}, else
     * {@code JAVA_HOME} if recent enough, else the newest JDK under /usr/lib/jvm.
     */
    static Path java21OrLater() {
        Stream<Path> candidates = Stream.of(System.getenv("KEYCLOAK_JAVA_HOME"), System.getenv("JAVA_HOME"), System.getProperty("java.home"))
                .filter(p -> p != null && !p.isBlank()).map(Path::of);
        Stream<Path> installed;
        try {
            installed = Files.isDirectory(Path.of("/usr/lib/jvm"))
                    ? Files.list(Path.of("/usr/lib/jvm")).sorted(Comparator.comparing(KeycloakServer::featureVersion).reversed()).toList().stream()
                    : Stream.empty();
        } catch (IOException e) {
            installed = Stream.empty();
        }
        return Stream.concat(candidates, installed)
                .filter(jdk -> featureVersion(jdk) >= 21 && Files.isExecutable(jdk.resolve("bin/java")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Keycloak needs Java 21 or later and none was found: "
                        + "install one under /usr/lib/jvm or set KEYCLOAK_JAVA_HOME"));
    }

    private static int featureVersion(Path jdk) {
        Path release = jdk.resolve("release");
        if (!Files.isReadable(release)) {
            return 0;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(release)) {
            properties.load(in);
        } catch (IOException e) {
            return 0;
        }
        String version = Optional.ofNullable(properties.getProperty("JAVA_VERSION")).orElse("0").replace("\"", "");
        try {
            return Integer.parseInt(version.split("[.+-]")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
