package dev.incidentlifecycle.reviews.calendar.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentlifecycle.testing.Command;
import dev.incidentlifecycle.testing.DebianPackages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second calendar reader besides ical4j: python's {@code icalendar} library, from Debian's
 * {@code python3-icalendar} package ({@link DebianPackages} installs it when missing), run by Debian's own Python.
 * {@code read_feed.py} prints what it read as JSON.
 */
final class PythonIcalendar {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path LIBRARY = Path.of("/usr/lib/python3/dist-packages/icalendar");

    private PythonIcalendar() {
    }

    /** What icalendar read in {@code feed}: {@code version}, {@code events} (one object each) and {@code errors}. */
    static JsonNode read(String feed) throws IOException {
        DebianPackages.ensure("python3-icalendar", LIBRARY);
        Path folder = Files.createTempDirectory("icalendar");
        try {
            Path script = folder.resolve("read_feed.py");
            try (InputStream in = PythonIcalendar.class.getResourceAsStream("read_feed.py")) {
                Files.copy(in, script);
            }
            Path ics = Files.writeString(folder.resolve("feed.ics"), feed, StandardCharsets.UTF_8);
            // -I: no PYTHON* variables, no user site-packages: Debian's icalendar, nothing else.
            Command.Result result = Command.run(List.of(PYTHON.toString(), "-I", script.toString(), ics.toString()),
                    Duration.ofMinutes(1));
            assertThat(result.status()).as("python3 read_feed.py:%n%s", result.transcript()).isZero();
            return new ObjectMapper().readTree(result.output());
        } finally {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(folder);
        }
    }
}
