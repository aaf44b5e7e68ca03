package dev.incidentlifecycle.incidents.alert.ingest;

import dev.incidentlifecycle.web.IntegrationKeys;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * The secrets the ingestion endpoints accept: PagerDuty routing keys ({@code incidents.integration-keys}) and
 * Alertmanager bearer tokens ({@code incidents.alertmanager.tokens}). Compared in constant time.
 */
@ApplicationScoped
public class IngestionSecrets {

    /** The development default of both lists; fine on a laptop, never in production. */
    static final String DEVELOPMENT_KEY = "local-dev-integration-key";

    private static final Logger LOG = Logger.getLogger(IngestionSecrets.class);

    private final List<String> integrationKeys;
    private final List<String> alertmanagerTokens;

    IngestionSecrets(@ConfigProperty(name = "incidents.integration-keys") List<String> integrationKeys,
                     @ConfigProperty(name = "incidents.alertmanager.tokens") List<String> alertmanagerTokens) {
        this.integrationKeys = trimmed(integrationKeys);
        this.alertmanagerTokens = trimmed(alertmanagerTokens);
    }

    public boolean isIntegrationKey(String routingKey) {
        return IntegrationKeys.matches(routingKey, integrationKeys);
    }

    public boolean isAlertmanagerToken(String token) {
        return IntegrationKeys.matches(token, alertmanagerTokens);
    }

    void warnAboutDevelopmentKeys(@Observes StartupEvent startup) {
        if (LaunchMode.current() == LaunchMode.NORMAL
                && (integrationKeys.contains(DEVELOPMENT_KEY) || alertmanagerTokens.contains(DEVELOPMENT_KEY))) {
            LOG.warnf("the development key '%s' is accepted for alert ingestion: set INCIDENTS_INTEGRATION_KEYS and "
                    + "INCIDENTS_ALERTMANAGER_TOKENS", DEVELOPMENT_KEY);
        }
    }

    private static List<String> trimmed(List<String> values) {
        return values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
