package dev.incidentlifecycle.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The resident memory (VmRSS in /proc/&lt;pid&gt;/status) of each process deploy/run started ({@code <data>/run/*.pid}),
 * sampled every 250 ms while {@link #watching} and kept as the maximum seen per process.
 */
final class ProcessMemory implements AutoCloseable {

    private final Path pidFolder;
    private final Map<String, Long> maxKib = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rss-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean watching;

    ProcessMemory(Path pidFolder) {
        this.pidFolder = pidFolder;
        sampler.scheduleAtFixedRate(this::sample, 0, 250, TimeUnit.MILLISECONDS);
    }

    void watching(boolean on) {
        watching = on;
        if (on) {
            sample();
        }
    }

    /** Process name (the pid file's name) → the largest RSS seen while watching, in MiB. */
    Map<String, Double> maxMib() {
        Map<String, Double> mib = new TreeMap<>();
        maxKib.forEach((name, kib) -> mib.put(name, kib / 1024.0));
        return mib;
    }

    private void sample() {
        if (!watching || !Files.isDirectory(pidFolder)) {
            return;
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(pidFolder, "*.pid")) {
            for (Path pidFile : pids) {
                String name = pidFile.getFileName().toString().replaceFirst("\\.pid$", "");
                long kib = residentKib(Files.readString(pidFile).trim());
                if (kib > 0) {
                    maxKib.merge(name, kib, Math::max);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A process that just stopped, or a pid file being rewritten: the next sample counts.
        }
    }

    private static long residentKib(String pid) throws IOException {
        Path status = Path.of("/proc", pid, "status");
        if (!pid.matches("\\d+") || !Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
