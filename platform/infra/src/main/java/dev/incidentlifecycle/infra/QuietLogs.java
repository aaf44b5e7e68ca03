package dev.incidentlifecycle.infra;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the broker's and PostgreSQL's chatter (hundreds of INFO lines per start) out of test and launcher output.
 * Works for both bindings that meet this code: slf4j-simple (this module's main and tests) reads system
 * properties; JBoss LogManager (Quarkus tests) reads java.util.logging levels. An explicit setting wins.
 */
final class QuietLogs {

    private static final List<String> WARNINGS_ONLY = List.of("kafka", "org.apache.kafka", "state.change.logger",
            "io.zonky", "org.apache.commons.compress");
    // Warns on every fresh start of a one-node cluster ("the metadata log appears to be empty"): expected here.
    private static final List<String> ERRORS_ONLY = List.of("org.apache.kafka.controller.QuorumController");

    // java.util.logging holds loggers weakly: keep them, or the levels set here are forgotten.
    private static final List<Logger> KEPT = new java.util.concurrent.CopyOnWriteArrayList<>();

    private QuietLogs() {
    }

    static synchronized void apply() {
        WARNINGS_ONLY.forEach(category -> quiet(category, "warn", Level.WARNING));
        ERRORS_ONLY.forEach(category -> quiet(category, "error", Level.SEVERE));
    }

    private static void quiet(String category, String simpleLevel, Level level) {
        String simpleKey = "org.slf4j.simpleLogger.log." + category;
        if (System.getProperty(simpleKey) == null) {
            System.setProperty(simpleKey, simpleLevel);
        }
        Logger logger = Logger.getLogger(category);
        if (logger.getLevel() == null) {
            logger.setLevel(level);
            KEPT.add(logger);
        }
    }
}
