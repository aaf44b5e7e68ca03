package dev.incidentlifecycle.incidents.alert.ingest;

import dev.incidentlifecycle.incidents.integration.Integrations;
import dev.incidentlifecycle.web.IntegrationKeys;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who is sending, from the secret an ingestion request presents: an integration's key (created through
 * {@code /integrations}, stored hashed, rotated and revoked without a restart) or a configured one —
 * {@code incidents.integration-keys} for PagerDuty routing keys and Opsgenie GenieKeys, and {@code incidents.alertmanager.tokens} for
 * Alertmanager bearer tokens, each entry {@code name=key} (or a bare key, named {@code events-api} and
 * {@code alertmanager}). The sender's name is the actor of the alerts it sends. Configured keys are compared in
 * constant time. Outside dev and test mode the service refuses to start when no key at all would be accepted.
 */
@ApplicationScoped
public class IngestionSecrets {

    /** How long a request waits for the database to say whose key it is. */
    private static final Duration LOOKUP = Duration.ofSeconds(5);

    /** A configured secret and the name it sends under. */
    record ConfiguredKey(String sender, String key) {

        static List<ConfiguredKey> parse(Optional<List<String>> entries, String bareName) {
            List<ConfiguredKey> keys = new ArrayList<>();
            for (String entry : entries.orElse(List.of())) {
                String trimmed = entry.strip();
                int equals = trimmed.indexOf('=');
                if (trimmed.isEmpty()) {
                    continue;
                }
                keys.add(equals > 0 ? new ConfiguredKey(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip())
                        : new ConfiguredKey(bareName, trimmed));
            }
            return List.copyOf(keys);
        }
    }

    private final List<ConfiguredKey> routingKeys;
    private final List<ConfiguredKey> alertmanagerTokens;
    private final Integrations integrations;

    IngestionSecrets(@ConfigProperty(name = "incidents.integration-keys") Optional<List<String>> routingKeys,
                     @ConfigProperty(name = "incidents.alertmanager.tokens") Optional<List<String>> alertmanagerTokens,
                     Integrations integrations) {
        this.routingKeys = ConfiguredKey.parse(routingKeys, "events-api");
        this.alertmanagerTokens = ConfiguredKey.parse(alertmanagerTokens, "alertmanager");
        this.integrations = integrations;
    }

    /** What a presented secret says about its sender. */
    public sealed interface Sender {
        /** A key that works: alerts are recorded as sent by {@code name}. */
        record Known(String name) implements Sender {
        }

        /** A key that worked once: its integration is revoked, or the key was rotated away and its overlap is over. */
        record Revoked() implements Sender {
        }

        record Unknown() implements Sender {
        }
    }

    /** Who sends with this PagerDuty routing key; blocking (ingestion runs on worker threads). */
    public Sender senderOfRoutingKey(String routingKey) {
        return senderOf(routingKey, routingKeys);
    }

    /**
     * Who sends with this Opsgenie {@code GenieKey}: the same integration keys as PagerDuty routing keys (an integration
     * or {@code incidents.integration-keys}), so one integration can send either way; blocking.
     */
    public Sender senderOfGenieKey(String genieKey) {
        return senderOf(genieKey, routingKeys);
    }

    /** Who sends with this Alertmanager bearer token; blocking. */
    public Sender senderOfBearerToken(String token) {
        return senderOf(token, alertmanagerTokens);
    }

    private Sender senderOf(String presented, List<ConfiguredKey> configured) {
        if (presented == null || presented.isBlank()) {
            return new Sender.Unknown();
        }
        Sender sender = new Sender.Unknown();
        for (ConfiguredKey key : configured) {
            // Every configured key is compared, whatever the outcome: no timing tells which one matched.
            if (IntegrationKeys.matches(presented, List.of(key.key())) && sender instanceof Sender.Unknown) {
                sender = new Sender.Known(key.sender());
            }
        }
        if (sender instanceof Sender.Known) {
            return sender;
        }
        return integrations.holderOf(presented).await().atMost(LOOKUP)
                .<Sender>map(holder -> holder.works() ? new Sender.Known(holder.integration()) : new Sender.Revoked())
                .orElse(new Sender.Unknown());
    }

    void refuseToStartWithoutKeys(@Observes StartupEvent startup) {
        if (LaunchMode.current() != LaunchMode.NORMAL || !routingKeys.isEmpty() || !alertmanagerTokens.isEmpty()) {
            return;
        }
        if (!integrations.anyActive().await().atMost(Duration.ofSeconds(30))) {
            throw new IllegalStateException("No integration key is configured, so no alert could ever be received: set "
                    + "INCIDENTS_INTEGRATION_KEYS (PagerDuty routing keys) and/or INCIDENTS_ALERTMANAGER_TOKENS "
                    + "(Alertmanager bearer tokens), each a comma-separated list of name=key (e.g. grafana=<a long random "
                    + "secret>); once running, an admin can create integrations with POST /integrations");
        }
    }
}
