package dev.incidentlifecycle.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one run drives, full size or {@code --quick}; every count can be set on its own. The full sizes are the
 * issue's: they fit in about ten minutes when alerts are handled near the targets.
 */
record Options(
        Path dataFolder,
        String incidentUrl,
        String managementUrl,
        String token,
        int rawRecords,
        int rawProducerRecords,
        int warmUp,
        int repeatTriggers,
        int repeatKeys,
        int repeatServices,
        int newKeys,
        int newKeyServices,
        int stormTriggers,
        int declarations,
        int rate,
        int seconds,
        int sampleEvery,
        Duration phaseTimeout,
        Set<String> phases,
        boolean quick) {

    /** Every phase, in the order they run; {@code --phases} picks some (the yardsticks always run). */
    static final List<String> PHASES = List.of("repeat", "new-key", "declaration", "latency");

    static final String USAGE = """
            AlertPipelineBenchmark [--quick] [--data .data] [--incident-url http://127.0.0.1:8081]
              [--management-url http://127.0.0.1:9081]
              [--raw N] [--raw-producer N] [--warm-up N]
              [--repeat N] [--repeat-keys K] [--repeat-services S]
              [--new-keys N] [--new-key-services S]
              [--storm N] [--declarations D]
              [--rate R] [--seconds S] [--sample-every N]
              [--phase-timeout SECONDS] [--phases repeat,new-key,declaration,latency]
            The bearer token for GET /incidents comes from the environment variable BENCHMARK_TOKEN.""";

    static Options parse(String[] args, String token) {
        boolean quick = false;
        for (String arg : args) {
            quick |= arg.equals("--quick");
        }
        Path data = Path.of(".data");
        String url = "http://127.0.0.1:8081";
        String managementUrl = "http://127.0.0.1:9081";
        int raw = quick ? 50_000 : 200_000;
        int rawProducer = quick ? 100_000 : 500_000;
        int warmUp = quick ? 200 : 1_000;
        int repeat = quick ? 5_000 : 100_000;
        int repeatKeys = 100;
        int repeatServices = 10;
        int newKeys = quick ? 1_000 : 20_000;
        int newKeyServices = 50;
        int storm = quick ? 5_000 : 50_000;
        int declarations = 6;
        int rate = quick ? 200 : 2_000;
        int seconds = quick ? 15 : 60;
        int sampleEvery = 10;
        int phaseTimeout = quick ? 300 : 600;
        Set<String> phases = new LinkedHashSet<>(PHASES);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--quick")) {
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value after " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--data" -> data = Path.of(value);
                case "--incident-url" -> url = value;
                case "--management-url" -> managementUrl = value;
                case "--raw" -> raw = positive(option, value);
                case "--raw-producer" -> rawProducer = positive(option, value);
                case "--warm-up" -> warmUp = positive(option, value);
                case "--repeat" -> repeat = positive(option, value);
                case "--repeat-keys" -> repeatKeys = positive(option, value);
                case "--repeat-services" -> repeatServices = positive(option, value);
                case "--new-keys" -> newKeys = positive(option, value);
                case "--new-key-services" -> newKeyServices = positive(option, value);
                case "--storm" -> storm = positive(option, value);
                case "--declarations" -> declarations = positive(option, value);
                case "--rate" -> rate = positive(option, value);
                case "--seconds" -> seconds = positive(option, value);
                case "--sample-every" -> sampleEvery = positive(option, value);
                case "--phase-timeout" -> phaseTimeout = positive(option, value);
                case "--phases" -> phases = phases(value);
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("BENCHMARK_TOKEN is not set (a bearer token that may read /incidents)");
        }
        return new Options(data, url, managementUrl, token, raw, rawProducer, warmUp, repeat, repeatKeys, repeatServices, newKeys,
                newKeyServices, storm, declarations, rate, seconds, sampleEvery, Duration.ofSeconds(phaseTimeout), phases, quick);
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    private static Set<String> phases(String value) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String phase : value.split(",")) {
            if (!phase.isBlank() && !PHASES.contains(phase.trim())) {
                throw new IllegalArgumentException("--phases: unknown phase " + phase + " (phases: " + String.join(",", PHASES) + ")");
            }
            if (!phase.isBlank()) {
                chosen.add(phase.trim());
            }
        }
        return chosen;
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a positive whole number, got " + value);
        }
    }
}
