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
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** No alert joins an incident declared longer ago than this, however recent its last alert. */
    @WithDefault("PT24H")
    Duration maxIncidentAge();

    /** What alerts are grouped by besides their service: custom details fields or Alertmanager labels. */
    Optional<List<String>> groupingKeys();

    /** Per service: which alert severities declare, and as what ({@code incidents.policy.services."<service>".declares.<severity>}). */
    Map<String, ServicePolicy> services();

    interface ServicePolicy {
        Map<String, String> declares();
    }

    default DeclarationPolicy policy() {
        Map<String, Map<AlertSeverity, IncidentSeverity>> byService = new java.util.TreeMap<>();
        services().forEach((service, rules) -> byService.put(service,
                rules("incidents.policy.services.\"" + service + "\".declares.", rules.declares())));
        return new DeclarationPolicy(rules("incidents.policy.declares.", declares()), byService, groupingWindow(),
                maxIncidentAge(), groupingKeys().orElse(List.of()).stream().map(String::strip).filter(k -> !k.isEmpty()).toList(),
                autoResolve());
    }

    private static Map<AlertSeverity, IncidentSeverity> rules(String prefix, Map<String, String> configured) {
        Map<AlertSeverity, IncidentSeverity> declares = new EnumMap<>(AlertSeverity.class);
        configured.forEach((alertSeverity, incidentSeverity) -> {
            AlertSeverity from = AlertSeverity.fromWireName(alertSeverity.trim().toLowerCase(Locale.ROOT));
            if (from == null) {
                throw new IllegalArgumentException(prefix + alertSeverity
                        + ": not an alert severity (critical, error, warning, info)");
            }
            String to = incidentSeverity.trim().toUpperCase(Locale.ROOT);
            if (!to.equals("NONE")) {
                try {
                    declares.put(from, IncidentSeverity.valueOf(to));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(prefix + alertSeverity + "=" + incidentSeverity
                            + ": use SEV1, SEV2, SEV3, SEV4 or NONE");
                }
            }
        });
        return declares;
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
