package dev.incidentlifecycle.incidents.alert.ingest;

import dev.incidentlifecycle.incidents.intake.IntakeProducer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Writes the signals the HTTP endpoints accept onto {@code alerts}, where they are handled like any other record:
 * the topic absorbs alert storms. Each record is a CloudEvent ({@link IntakeProducer}) keyed by the dedup key.
 */
@ApplicationScoped
public class AlertsTopic {

    public static final String TOPIC = "alerts";
    public static final String TYPE = "alert.signal";
    public static final String EVENTS_API_SOURCE = "/incident-service/v2/enqueue";
    public static final String ALERTMANAGER_SOURCE = "/incident-service/webhooks/alertmanager";
    public static final String OPSGENIE_SOURCE = "/incident-service/v2/alerts";

    private final IntakeProducer producer;

    AlertsTopic(IntakeProducer producer) {
        this.producer = producer;
    }

    /** One signal to write: its dedup key and its PagerDuty Events API v2 body. */
    public record Signal(String dedupKey, Map<String, Object> body) {
    }

    /**
     * Writes the signals and waits until Kafka has acknowledged every one (blocking: call it from a worker
     * thread). Throws {@link IntakeProducer.NotWritten} when the broker does not acknowledge them in time.
     */
    public void write(List<Signal> signals, String source, String actor) {
        producer.write(new IntakeProducer.Kind(TOPIC, TYPE, source), actor,
                signals.stream().map(signal -> new IntakeProducer.Intake(signal.dedupKey(), signal.body())).toList());
    }
}
