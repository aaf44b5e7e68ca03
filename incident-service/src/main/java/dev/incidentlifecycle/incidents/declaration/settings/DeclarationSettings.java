package dev.incidentlifecycle.incidents.declaration.settings;

import dev.incidentlifecycle.incidents.alert.AlertSeverity;
import dev.incidentlifecycle.incidents.declaration.DeclarationPolicy;
import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The declaration policy as configured ({@code incidents.policy.*}, see application.properties and the
 * README). A wrong value stops the service at startup rather than mis-declaring incidents later.
 */
@ConfigMapping(prefix = "incidents.policy")
public interface DeclarationSettings {

    /** Incident severity per alert severity ({@code critical}, {@code error}, {@code warning}, {@code info}): SEV1..SEV4 or NONE. */
    Map<String, String> declares();

    @WithDefault("PT30M")
    Duration groupingWindow();

    @WithDefault("false")
    boolean autoResolve();

    default DeclarationPolicy policy() {
        Map<AlertSeverity, IncidentSeverity> declares = new EnumMap<>(AlertSeverity.class);
        declares().forEach((alertSeverity, incidentSeverity) -> {
            AlertSeverity from = AlertSeverity.fromWireName(alertSeverity.trim().toLowerCase(Locale.ROOT));
            if (from == null) {
                throw new IllegalArgumentException("incidents.policy.declares." + alertSeverity
                        + ": not an alert severity (critical, error, warning, info)");
            }
            String to = incidentSeverity.trim().toUpperCase(Locale.ROOT);
            if (!to.equals("NONE")) {
                try {
                    declares.put(from, IncidentSeverity.valueOf(to));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("incidents.policy.declares." + alertSeverity + "=" + incidentSeverity
                            + ": use SEV1, SEV2, SEV3, SEV4 or NONE");
                }
            }
        });
        return new DeclarationPolicy(declares, groupingWindow(), autoResolve());
    }

    /** Makes the configured policy injectable. */
    @ApplicationScoped
    class Producer {

        @Produces
        @Singleton
        DeclarationPolicy policy(DeclarationSettings settings) {
            return settings.policy();
        }
    }
}
