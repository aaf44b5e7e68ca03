package dev.incidentlifecycle.deploycheck;

import dev.incidentlifecycle.testing.Command;
import dev.incidentlifecycle.testing.DebianPackages;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Prometheus's own rule checker: the one on the PATH, else Debian's {@code prometheus} package's, installed when
 * missing ({@link DebianPackages}).
 */
final class Promtool {

    private Promtool() {
    }

    /** The exit status and the output of {@code promtool check rules file}. */
    static Command.Result checkRules(Path file) {
        Path promtool = Command.onPath("promtool")
                .orElseGet(() -> DebianPackages.ensure("prometheus", Path.of("/usr/bin/promtool")));
        return Command.run(List.of(promtool.toString(), "check", "rules", file.toString()), Duration.ofMinutes(1));
    }
}
