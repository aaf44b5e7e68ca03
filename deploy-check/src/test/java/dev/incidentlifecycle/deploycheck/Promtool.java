package dev.incidentlifecycle.deploycheck;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prometheus's own rule checker, from Debian's {@code prometheus} package. A machine starts bare, so when it is
 * missing and the build runs as root with apt-get at hand, the package is installed (the way the project fetches
 * what it needs: from Debian); otherwise the check fails and says how to get it.
 */
final class Promtool {

    private static final long INSTALL_SECONDS = 600;

    private Promtool() {
    }

    /** The exit status and the combined output of {@code promtool check rules file}. */
    static Result checkRules(Path file) throws IOException, InterruptedException {
        Path promtool = locate().orElseGet(Promtool::install);
        return run(List.of(promtool.toString(), "check", "rules", file.toString()), 60);
    }

    private static Optional<Path> locate() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/bin", "/usr/local/bin"))
                .filter(folder -> !folder.isBlank())
                .map(folder -> Path.of(folder, "promtool"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Path install() {
        boolean root = "root".equals(System.getProperty("user.name"));
        Optional<Path> aptGet = Stream.of("/usr/bin/apt-get").map(Path::of).filter(Files::isExecutable).findFirst();
        if (!root || aptGet.isEmpty()) {
            throw new AssertionError("promtool is not installed: install Debian's prometheus package "
                    + "(apt-get install prometheus) or put promtool on the PATH; this check installs it itself only as root with apt-get");
        }
        try {
            Result installed = aptInstall();
            if (installed.status() != 0) {
                // A bare machine may never have read the package lists.
                run(List.of("apt-get", "update"), INSTALL_SECONDS);
                installed = aptInstall();
            }
            if (installed.status() != 0) {
                throw new AssertionError("apt-get install prometheus failed:\n" + installed.output());
            }
        } catch (IOException e) {
            throw new AssertionError("could not run apt-get to install promtool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while installing promtool", e);
        }
        return locate().orElseThrow(() -> new AssertionError("the prometheus package is installed but promtool is not on the PATH"));
    }

    private static Result aptInstall() throws IOException, InterruptedException {
        return run(List.of("apt-get", "install", "-y", "--no-install-recommends", "prometheus"), INSTALL_SECONDS);
    }

    private static Result run(List<String> command, long seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("promtool", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            // No prompts from Debian's configuration scripts, and no service started by the package.
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + seconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    record Result(int status, String output) {
    }
}
