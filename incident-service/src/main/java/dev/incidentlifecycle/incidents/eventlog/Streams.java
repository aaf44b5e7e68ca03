package dev.incidentlifecycle.incidents.eventlog;

import dev.incidentlifecycle.eventstore.AggregateType;
import dev.incidentlifecycle.eventstore.EventCodec;
import dev.incidentlifecycle.incidents.alert.Alert;
import dev.incidentlifecycle.incidents.alert.AlertCommand;
import dev.incidentlifecycle.incidents.alert.AlertEvent;
import dev.incidentlifecycle.incidents.alert.AlertState;
import dev.incidentlifecycle.incidents.incident.Incident;
import dev.incidentlifecycle.incidents.incident.IncidentCommand;
import dev.incidentlifecycle.incidents.incident.IncidentEvent;
import dev.incidentlifecycle.incidents.incident.IncidentState;

import java.util.Map;

/**
 * The two kinds of stream this service keeps in its event log. Only incident streams are published (on
 * {@code incident-events}); alert streams are this service's own record of what the alerting systems said.
 */
public final class Streams {

    /**
     * The alert of one dedup key: stream {@code alert-<dedup key>}. A noisy key gets thousands of
     * {@code alert.repeated} events, so it is snapshotted every 50 events: loading reads at most 49.
     */
    public static final AggregateType<AlertCommand, AlertState, AlertEvent> ALERT =
            new AggregateType<>("alert", new Alert(), codec(AlertEvent.class, AlertEvent.TYPES), AlertState.class, 50);

    /** One incident: stream {@code incident-<uuid>}; the uuid is the Kafka key and CloudEvents subject. */
    public static final AggregateType<IncidentCommand, IncidentState, IncidentEvent> INCIDENT =
            new AggregateType<>("incident", new Incident(), codec(IncidentEvent.class, IncidentEvent.TYPES),
                    IncidentState.class, 50);

    private Streams() {
    }

    private static <E> EventCodec<E> codec(Class<E> events, Map<String, Class<? extends E>> types) {
        EventCodec.Builder<E> codec = EventCodec.of(events);
        types.forEach(codec::event);
        return codec.build();
    }
}
