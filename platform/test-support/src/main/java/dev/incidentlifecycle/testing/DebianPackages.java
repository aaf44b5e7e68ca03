package dev.incidentlifecycle.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Tools the tests take from Debian. A machine starts bare, so when a package is missing and the build runs as root
 * with apt-get at hand, it is installed (the way the project fetches what it needs: from Debian, never PyPI);
 * otherwise the test fails and says how to get it.
 *
 * <pre>{@code
 * Path promtool = DebianPackages.ensure("prometheus", Path.of("/usr/bin/promtool"));
 * }</pre>
 */
public final class DebianPackages {

    private static final Path APT_GET = Path.of("/usr/bin/apt-get");
    private static final Duration INSTALL_LIMIT = Duration.ofMinutes(10);

    private DebianPackages() {
    }

    /**
     * {@code installed}, a file or folder the package {@code packageName} puts in place, after installing the
     * package if it is not there yet.
     */
    public static synchronized Path ensure(String packageName, Path installed) {
        if (Files.exists(installed)) {
            return installed;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root || !Files.isExecutable(APT_GET)) {
            throw new AssertionError(installed + " is missing: install Debian's " + packageName + " package (apt-get install "
                    + packageName + "); the tests install it themselves only as root with apt-get");
        }
        Command.Result result = aptInstall(packageName);
        if (result.status() != 0) {
            // A bare machine may never have read the package lists.
            Command.run(List.of(APT_GET.toString(), "update"), INSTALL_LIMIT);
            result = aptInstall(packageName);
        }
        if (result.status() != 0) {
            throw new AssertionError("apt-get install " + packageName + " failed:\n" + result.transcript());
        }
        if (!Files.exists(installed)) {
            throw new AssertionError("Debian's " + packageName + " package is installed but " + installed + " is missing");
        }
        return installed;
    }

    private static Command.Result aptInstall(String packageName) {
        // Another build on the machine may hold dpkg's lock for a while: wait for it rather than fail.
        return Command.run(List.of(APT_GET.toString(), "install", "-y", "--no-install-recommends",
                "-o", "DPkg::Lock::Timeout=" + INSTALL_LIMIT.toSeconds(), packageName), INSTALL_LIMIT);
    }
}
