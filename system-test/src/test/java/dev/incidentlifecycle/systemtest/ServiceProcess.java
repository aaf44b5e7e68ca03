package dev.incidentlifecycle.systemtest;

import dev.incidentlifecycle.infra.LoopbackPorts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * One packaged service started as its own process, the way deploy/run starts it: {@code java
 * <deploy/service-jvm.options> -jar quarkus-run.jar}, its API on {@code port} and its management interface (health,
 * metrics) on a port of its own.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Path jar;
    private final List<String> jvmOptions;
    private final int port;
    private final int managementPort;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    ServiceProcess(String name, Path jar, List<String> jvmOptions, int port, Map<String, String> environment, Path logs) {
        this.name = name;
        this.jvmOptions = jvmOptions;
        this.jar = jar;
        this.port = port;
        this.managementPort = LoopbackPorts.free();
        this.environment = environment;
        this.log = logs.resolve(name + ".log");
    }

    String name() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The management interface: health, metrics and the OpenAPI document ({@code /q/openapi}). */
    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    ServiceProcess start() throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the service must be packaged first (./mvnw package)");
        }
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        process = builder.start();
        return this;
    }

    void awaitReady(Duration timeout) {
        await(name + " ready").atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Waits for the process to end by itself; its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still runs after " + timeout + "; see " + log);
        }
        return process.exitValue();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no shutdown hook, no goodbye to the broker or the database. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
