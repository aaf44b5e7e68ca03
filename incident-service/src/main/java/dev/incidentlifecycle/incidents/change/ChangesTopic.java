package dev.incidentlifecycle.incidents.change;

import dev.incidentlifecycle.incidents.intake.IntakeProducer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Writes the change events {@code POST /v2/change/enqueue} accepts onto {@code changes}, where they are stored like
 * any other record of the topic ({@link IncomingChanges}). Each record is a CloudEvent ({@link IntakeProducer}): its
 * {@code ce_id} is the change's id, the integration its {@code ce_actor}, the service its key; the data is the
 * PagerDuty body without its routing key.
 */
@ApplicationScoped
public class ChangesTopic {

    public static final String TOPIC = "changes";
    public static final String TYPE = "change.event";
    public static final String SOURCE = "/incident-service/v2/change/enqueue";

    private final IntakeProducer producer;

    ChangesTopic(IntakeProducer producer) {
        this.producer = producer;
    }

    /** Writes one change and waits until Kafka has acknowledged it (blocking); {@link IntakeProducer.NotWritten} when it does not in time. */
    public void write(String service, Map<String, Object> body, String actor) {
        producer.write(new IntakeProducer.Kind(TOPIC, TYPE, SOURCE), actor, List.of(new IntakeProducer.Intake(service, body)));
    }
}
