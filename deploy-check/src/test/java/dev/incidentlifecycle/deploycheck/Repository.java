package dev.incidentlifecycle.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository this module belongs to: deploy/, the services' configuration, the root POM. */
final class Repository {

    /** The module's parent folder (Surefire runs in the module folder and names it in {@code basedir}). */
    static final Path ROOT = locateRoot();

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern KAFKA_VERSION = Pattern.compile("<kafka.version>([^<]+)</kafka.version>");

    private Repository() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + ROOT.relativize(file), e);
        }
    }

    static String read(String relative) {
        return read(path(relative));
    }

    static String relative(Path file) {
        return ROOT.relativize(file.toAbsolutePath().normalize()).toString();
    }

    /** The deployable services: the root POM's modules named {@code *-service}. */
    static List<String> services() {
        Matcher modules = MODULE.matcher(read("pom.xml"));
        return modules.results().map(m -> m.group(1).trim()).filter(m -> m.endsWith("-service")).toList();
    }

    /** The Kafka version the services are built and tested against (the root POM's kafka.version). */
    static String kafkaVersion() {
        return KAFKA_VERSION.matcher(read("pom.xml")).results().map(m -> m.group(1).trim()).findFirst()
                .orElseThrow(() -> new AssertionError("the root pom.xml names no kafka.version"));
    }

    /** Every file under {@code folder} (relative to the root) whose name ends with one of {@code suffixes}. */
    static List<Path> files(String folder, String... suffixes) {
        try (Stream<Path> walk = Files.walk(path(folder))) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> Stream.of(suffixes).anyMatch(suffix -> file.getFileName().toString().endsWith(suffix)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locateRoot() {
        Path start = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("deploy/compose.yaml")) && Files.isRegularFile(folder.resolve("pom.xml"))) {
                return folder;
            }
        }
        throw new IllegalStateException("No repository root (a folder with deploy/compose.yaml) above " + start);
    }
}
