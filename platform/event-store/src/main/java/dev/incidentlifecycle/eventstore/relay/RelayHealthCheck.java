package dev.incidentlifecycle.eventstore.relay;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Reports the relay degraded while events are set aside (Kafka can never accept them): DOWN at
 * {@code /q/health/well} with {@code setAside: N}. It is a wellness check, not readiness: the service goes on
 * serving and publishing everything else, and restarting it or taking it out of rotation would not help.
 * Operators alert on it (or on the {@code event_relay_set_aside} gauge) and clear a row of
 * {@code relay_set_aside} once they have dealt with its event.
 */
@Wellness
@ApplicationScoped
public class RelayHealthCheck implements HealthCheck {

    private final EventRelay relay;

    RelayHealthCheck(EventRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        if (!relay.isEnabled()) {
            return HealthCheckResponse.named("event-relay").up().withData("enabled", false).build();
        }
        long setAside = relay.setAside();
        return HealthCheckResponse.named("event-relay")
                .status(setAside == 0)
                .withData("setAside", setAside)
                .withData("leader", relay.isLeader())
                .build();
    }
}
