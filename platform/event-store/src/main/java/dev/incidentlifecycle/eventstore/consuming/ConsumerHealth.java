package dev.incidentlifecycle.eventstore.consuming;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while every consumer loop runs. A loop waiting for the database (its partitions retrying) is still live:
 * restarting the process would not bring the database back; readiness (the datasource check) says it is not ready.
 */
@Liveness
@ApplicationScoped
public class ConsumerHealth implements HealthCheck {

    private final Consumers consumers;

    ConsumerHealth(Consumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("consumers").up();
        for (PartitionedConsumer<?> consumer : consumers.running()) {
            response.withData(consumer.subscription().topic(), consumer.describe());
            if (!consumer.alive()) {
                response.down();
            }
        }
        return response.build();
    }
}
