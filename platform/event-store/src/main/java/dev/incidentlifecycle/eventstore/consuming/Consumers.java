package dev.incidentlifecycle.eventstore.consuming;

import dev.incidentlifecycle.eventstore.EventStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a {@link PartitionedConsumer} for every {@link BatchHandler} bean of the service once it has started
 * (its migrations applied), and stops them when it stops. Kafka settings are the service's {@code kafka.*}
 * configuration (bootstrap servers, security), the same for every consumer.
 */
@ApplicationScoped
public class Consumers {

    private final List<PartitionedConsumer<?>> running = new ArrayList<>();

    private final Instance<BatchHandler<?>> handlers;
    private final Map<String, Object> kafka;
    private final EventStore store;
    private final Vertx vertx;
    private final MeterRegistry meters;
    private final io.opentelemetry.api.trace.Tracer tracer;

    Consumers(Instance<BatchHandler<?>> handlers, @Identifier("default-kafka-broker") Map<String, Object> kafka,
              EventStore store, Vertx vertx, MeterRegistry meters, io.opentelemetry.api.trace.Tracer tracer) {
        this.handlers = handlers;
        this.kafka = kafka;
        this.store = store;
        this.vertx = vertx;
        this.meters = meters;
        this.tracer = tracer;
    }

    synchronized void start(@Observes @Priority(10_000) StartupEvent started) {
        for (BatchHandler<?> handler : handlers) {
            PartitionedConsumer<?> consumer = new PartitionedConsumer<>(handler, kafka, store, vertx, meters, tracer);
            running.add(consumer);
            consumer.start();
        }
    }

    synchronized void stop(@Observes ShutdownEvent stopping) {
        running.forEach(PartitionedConsumer::stop);
        running.clear();
    }

    /** The consumers running now. */
    public synchronized List<PartitionedConsumer<?>> running() {
        return List.copyOf(running);
    }
}
