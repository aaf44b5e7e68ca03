package dev.incidentlifecycle.incidents.alert.handling;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.ConcurrencyConflict;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.eventstore.Loaded;
import dev.incidentlifecycle.eventstore.UnitOfWork;
import dev.incidentlifecycle.eventstore.consuming.BatchHandler;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import dev.incidentlifecycle.incidents.alert.AlertCommand;
import dev.incidentlifecycle.incidents.alert.AlertLimits;
import dev.incidentlifecycle.incidents.alert.AlertEvent;
import dev.incidentlifecycle.incidents.alert.AlertSignal;
import dev.incidentlifecycle.incidents.alert.AlertState;
import dev.incidentlifecycle.incidents.alert.PagerDutyEvent;
import dev.incidentlifecycle.incidents.alert.Validated;
import dev.incidentlifecycle.incidents.eventlog.Streams;
import dev.incidentlifecycle.incidents.incident.IncidentState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The consumer of {@code alerts}: each record is a PagerDuty Events API v2 body (plain JSON, or the data of a
 * CloudEvent in binary or structured mode), keyed by its dedup key.
 *
 * <p>A batch of one partition is one transaction, whatever its size, in a handful of round trips: the alert states
 * of its dedup keys come from the instance's {@link AlertStates} (loaded in bulk on a miss), every signal is
 * decided in memory in offset order, the alert events go to the log, and only then does {@link AlertTriage} take
 * the locks of the services it triaged for, confirm what it decided and write the incident events: other batches
 * wait only for that short part, which reads again only the incidents that changed since this instance last wrote
 * them. Every write is a multi-row statement, projected set-based. A record
 * that is not a valid event is dead-lettered to {@code alerts.dlq} with the validation errors as its reason before
 * the batch runs.
 */
@ApplicationScoped
public class IncomingAlerts implements BatchHandler<IncomingAlerts.Signal> {

    /** Who the alert events are by when the record does not say. */
    static final String DEFAULT_ACTOR = "alerts";

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };
    private static final int MAX_ACTOR_LENGTH = AlertLimits.CLIENT;

    private final AlertTriage triage;
    private final AlertMetrics metrics;
    private final AlertStates states = new AlertStates();
    /** What the last batch of each partition decided, put in {@link #states} when it commits. */
    private final Map<Integer, Outcome> pending = new ConcurrentHashMap<>();

    IncomingAlerts(AlertTriage triage, AlertMetrics metrics) {
        this.triage = triage;
        this.metrics = metrics;
    }

    /** A record read: the signal, and who sent it, with the record's correlation. */
    record Signal(AlertSignal signal, CommandContext context) {
    }

    private record Outcome(Map<String, Loaded<AlertState>> states, List<Loaded<IncidentState>> incidents,
                           List<Runnable> counts) {
    }

    @Override
    public Subscription subscription() {
        return Subscription.configured("alerts");
    }

    @Override
    public Signal read(IncomingMessage message) {
        AlertSignal signal = signalOf(message);
        return new Signal(signal, CommandContext.by(actorOf(message, signal))
                .correlatedWith(message.correlationId() != null ? message.correlationId() : message.id(), message.id()));
    }

    @Override
    public Uni<Void> handle(UnitOfWork work, int partition, List<Read<Signal>> records) {
        AlertBatch batch = new AlertBatch();
        Set<String> missing = new HashSet<>();
        for (Read<Signal> read : records) {
            String key = read.value().signal().dedupKey();
            Loaded<AlertState> known = states.get(partition, key);
            if (known != null) {
                batch.knowAlert(known);
            } else {
                missing.add(key);
            }
        }
        return work.loadAll(Streams.ALERT, missing)
                .invoke(loaded -> loaded.values().forEach(batch::knowAlert))
                .flatMap(loaded -> triage.openIncidents(work, keysThatMayDeclare(records, batch)))
                .flatMap(open -> {
                    List<Runnable> counts = new ArrayList<>(records.size());
                    Map<UUID, CommandContext> resolved = decide(work, batch, records, open, counts);
                    return work.appendAll(Streams.ALERT, batch.alertAppends())
                            .call(alerts -> triage.confirm(work, batch, open, resolved))
                            .flatMap(alerts -> work.appendAll(Streams.INCIDENT, batch.incidentAppends())
                                    .onFailure(ConcurrencyConflict.class).invoke(() -> triage.forget(batch.incidentIds()))
                                    .map(incidents -> new Outcome(batch.alertsAfter(alerts), batch.incidentsAfter(incidents),
                                            counts)));
                })
                .invoke(outcome -> pending.put(partition, outcome))
                .replaceWithVoid();
    }

    /**
     * Decides every signal in offset order, in memory: the alert events, and the incident commands of the new alerts.
     * Answers the incidents whose alerts the batch resolved, each with the context of the last resolve.
     */
    private Map<UUID, CommandContext> decide(UnitOfWork work, AlertBatch batch, List<Read<Signal>> records,
                                             AlertTriage.OpenIncidents open, List<Runnable> counts) {
        Map<UUID, CommandContext> resolved = new LinkedHashMap<>();
        for (Read<Signal> read : records) {
            AlertSignal signal = read.value().signal();
            CommandContext context = read.value().context();
            String traceParent = read.message().traceParent();
            List<AlertEvent> events = Streams.ALERT.decider().decide(
                    AlertCommand.from(signal, UUID.randomUUID(), work.recordedAt()), batch.alert(signal.dedupKey()));
            batch.alertEvents(signal.dedupKey(), events, context, traceParent);
            counts.add(() -> metrics.received(read.message(), signal, !events.isEmpty()));
            for (AlertEvent event : events) {
                if (event instanceof AlertEvent.Triggered triggered) {
                    triage.newAlert(work, batch, open, triggered, context, traceParent);
                } else if (event instanceof AlertEvent.Resolved r && r.incidentId() != null) {
                    resolved.put(r.incidentId(), context);
                }
            }
        }
        return resolved;
    }

    /**
     * Grouping keys of triggers that may open a new alert (their key has no open alert, or the batch also resolves
     * it): only those can declare. Repeats of open alerts, the bulk of a storm, need no lock.
     */
    private Set<String> keysThatMayDeclare(List<Read<Signal>> records, AlertBatch batch) {
        Set<String> resolvedKeys = new HashSet<>();
        Set<String> services = new HashSet<>();
        for (Read<Signal> read : records) {
            AlertSignal signal = read.value().signal();
            if (signal.action() == AlertSignal.Action.RESOLVE) {
                resolvedKeys.add(signal.dedupKey());
            } else if (signal.action() == AlertSignal.Action.TRIGGER && signal.service() != null
                    && (!batch.alert(signal.dedupKey()).hasOpenAlert() || resolvedKeys.contains(signal.dedupKey()))) {
                services.add(triage.groupingKeyOf(signal));
            }
        }
        return services;
    }

    @Override
    public void committed(int partition) {
        Outcome outcome = pending.remove(partition);
        if (outcome != null) {
            states.putAll(partition, outcome.states());
            triage.committed(outcome.incidents());
            outcome.counts().forEach(Runnable::run);
        }
    }

    @Override
    public void forget(int partition) {
        pending.remove(partition);
        states.forget(partition);
    }

    /** The record's PagerDuty body as a signal; anything else is poison, with every reason. */
    static AlertSignal signalOf(IncomingMessage message) {
        Map<String, Object> body = EventJson.mapper().convertValue(message.object(), JSON_OBJECT);
        // A trigger without a dedup key gets one derived from the record's id: the same on every redelivery.
        Validated<AlertSignal> validated = PagerDutyEvent.validate(body,
                () -> UUID.nameUUIDFromBytes(message.id().getBytes(StandardCharsets.UTF_8)).toString(),
                PagerDutyEvent.RoutingKey.OPTIONAL);
        if (validated instanceof Validated.Invalid<AlertSignal> invalid) {
            throw new PoisonMessage("not a valid PagerDuty Events API v2 event: " + String.join("; ", invalid.errors()));
        }
        return ((Validated.Valid<AlertSignal>) validated).value();
    }

    /** Who the record says sent it (CloudEvent actor, else the PagerDuty client), else {@value #DEFAULT_ACTOR}. */
    static String actorOf(IncomingMessage message, AlertSignal signal) {
        for (String candidate : new String[] {message.actor(), signal.client()}) {
            if (candidate != null && !candidate.isBlank()) {
                String actor = candidate.strip();
                return actor.length() <= MAX_ACTOR_LENGTH ? actor : actor.substring(0, MAX_ACTOR_LENGTH);
            }
        }
        return DEFAULT_ACTOR;
    }
}
