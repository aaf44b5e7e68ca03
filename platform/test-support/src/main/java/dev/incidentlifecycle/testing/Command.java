package dev.incidentlifecycle.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A program the tests run outside the JVM (a Debian tool, a Python library), with a time limit. Its standard output
 * and error go to files, not pipes, so a chatty program never blocks on a full pipe.
 *
 * <pre>{@code
 * Command.Result result = Command.run(List.of("promtool", "check", "rules", file.toString()), Duration.ofMinutes(1));
 * }</pre>
 */
public final class Command {

    private Command() {
    }

    /** The executable {@code program} in the first folder of the PATH that has one. */
    public static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(folder -> !folder.isBlank())
                .map(folder -> Path.of(folder, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Runs {@code command} to its end; an {@link AssertionError} when it does not end within {@code limit}. */
    public static Result run(List<String> command, Duration limit) {
        Path output = null;
        Path errors = null;
        try {
            output = Files.createTempFile("command", ".out");
            errors = Files.createTempFile("command", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile());
            // No prompts from Debian's configuration scripts, and no service started by a package.
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + limit.toSeconds() + " s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8),
                    Files.readString(errors, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        } finally {
            delete(output);
            delete(errors);
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The exit status, what the program wrote to its standard output, and to its standard error. */
    public record Result(int status, String output, String errors) {

        /** Both streams, for a failure message. */
        public String transcript() {
            return errors.isEmpty() ? output : output + errors;
        }
    }
}
