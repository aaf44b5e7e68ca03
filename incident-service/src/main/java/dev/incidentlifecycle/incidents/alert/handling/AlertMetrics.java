package dev.incidentlifecycle.incidents.alert.handling;

import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.incidents.alert.AlertSignal;
import dev.incidentlifecycle.incidents.alert.ingest.AlertsTopic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/**
 * {@code alerts_received{source, action}}: alert signals handled (a redelivery is not counted again);
 * {@code alerts_ignored{action}}: acknowledge or resolve signals that changed nothing, because their dedup key
 * has no open alert (PagerDuty drops those too) or the alert was already acknowledged.
 *
 * <p>{@code source} is a short, bounded name: {@code events-api}, {@code alertmanager} and {@code opsgenie} for this service's
 * HTTP endpoints, {@code cloudevents} for any other CloudEvent, {@code kafka} for plain JSON records.
 */
@ApplicationScoped
public class AlertMetrics {

    private final MeterRegistry meters;

    AlertMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void received(IncomingMessage message, AlertSignal signal, boolean changed) {
        String action = signal.action().name().toLowerCase(Locale.ROOT);
        Counter.builder("alerts_received").description("Alert signals handled from the alerts topic")
                .tag("source", sourceOf(message)).tag("action", action)
                .register(meters).increment();
        if (!changed && signal.action() != AlertSignal.Action.TRIGGER) {
            Counter.builder("alerts_ignored").description("Acknowledge or resolve signals without an open alert to apply to")
                    .tag("action", action)
                    .register(meters).increment();
        }
    }

    static String sourceOf(IncomingMessage message) {
        if (message.source() == null) {
            return "kafka";
        }
        if (message.source().equals(AlertsTopic.EVENTS_API_SOURCE)) {
            return "events-api";
        }
        if (message.source().equals(AlertsTopic.ALERTMANAGER_SOURCE)) {
            return "alertmanager";
        }
        if (message.source().equals(AlertsTopic.OPSGENIE_SOURCE)) {
            return "opsgenie";
        }
        return "cloudevents";
    }
}
