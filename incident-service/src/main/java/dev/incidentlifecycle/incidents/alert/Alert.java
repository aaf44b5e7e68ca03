package dev.incidentlifecycle.incidents.alert;

import dev.incidentlifecycle.eventsourcing.Decider;
import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventsourcing.RuleViolation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The alert of one dedup key, with PagerDuty's dedup semantics. Stream: {@link #streamId}.
 * <ul>
 *   <li>a trigger while the alert is open (TRIGGERED or ACKNOWLEDGED) is the same alert: {@code alert.repeated}
 *       with the occurrence count; nothing else about the alert changes;</li>
 *   <li>a trigger with no alert yet, or after it resolved, opens a new alert with the command's new id:
 *       {@code alert.triggered};</li>
 *   <li>acknowledge and resolve apply to an open alert; for no alert or a resolved one they yield no
 *       events (the adapter counts those as dropped, as PagerDuty drops them); acknowledging an
 *       acknowledged alert yields none either;</li>
 *   <li>attaching to an incident is refused for an alert that is not the key's current one, or that is
 *       already attached to another incident; attaching again to the same incident yields nothing.</li>
 * </ul>
 * Times: a signal's own timestamp is used for when it happened, but never later than its arrival, nor
 * (for acknowledge and resolve) earlier than the alert's start.
 */
public final class Alert implements Decider<AlertCommand, AlertState, AlertEvent> {

    /** The event stream of a dedup key. */
    public static String streamId(String dedupKey) {
        return "alert-" + dedupKey;
    }

    @Override
    public AlertState initialState() {
        return AlertState.NONE;
    }

    @Override
    public List<AlertEvent> decide(AlertCommand command, AlertState state) {
        if (command instanceof AlertCommand.Trigger trigger) {
            return trigger(trigger, state);
        }
        if (command instanceof AlertCommand.Acknowledge acknowledge) {
            requireSameKey(acknowledge.signal(), AlertSignal.Action.ACKNOWLEDGE, state);
            if (state.status() != AlertStatus.TRIGGERED) {
                return List.of();
            }
            return List.of(new AlertEvent.Acknowledged(state.alertId(), state.dedupKey(), state.incidentId(),
                    followUpTime(acknowledge.signal(), acknowledge.receivedAt(), state)));
        }
        if (command instanceof AlertCommand.Resolve resolve) {
            requireSameKey(resolve.signal(), AlertSignal.Action.RESOLVE, state);
            if (!state.hasOpenAlert()) {
                return List.of();
            }
            return List.of(new AlertEvent.Resolved(state.alertId(), state.dedupKey(), state.incidentId(),
                    followUpTime(resolve.signal(), resolve.receivedAt(), state)));
        }
        if (command instanceof AlertCommand.AttachToIncident attach) {
            return attach(attach, state);
        }
        if (command instanceof AlertCommand.DetachFromIncident detach) {
            requireAttachedTo(detach.alertId(), detach.incidentId(), state);
            return List.of(new AlertEvent.DetachedFromIncident(detach.alertId(), state.dedupKey(), detach.incidentId(),
                    detach.detachedAt()));
        }
        if (command instanceof AlertCommand.MoveToIncident move) {
            requireAttachedTo(move.alertId(), move.fromIncidentId(), state);
            return List.of(new AlertEvent.MovedToIncident(move.alertId(), state.dedupKey(), move.fromIncidentId(),
                    move.incidentId(), move.movedAt()));
        }
        throw new IllegalArgumentException("unknown alert command " + command);
    }

    private static List<AlertEvent> trigger(AlertCommand.Trigger trigger, AlertState state) {
        AlertSignal signal = trigger.signal();
        requireSameKey(signal, AlertSignal.Action.TRIGGER, state);
        if (state.hasOpenAlert()) {
            return List.of(new AlertEvent.Repeated(state.alertId(), state.dedupKey(), state.occurrences() + 1,
                    trigger.receivedAt()));
        }
        Instant triggeredAt = signal.timestamp() != null && !signal.timestamp().isAfter(trigger.receivedAt())
                ? signal.timestamp()
                : trigger.receivedAt();
        return List.of(new AlertEvent.Triggered(trigger.newAlertId(), signal.dedupKey(), signal.severity(),
                signal.summary(), signal.source(), signal.service(), signal.component(), signal.group(),
                signal.alertClass(), signal.customDetails(), signal.links(), signal.client(), signal.clientUrl(),
                triggeredAt, trigger.receivedAt()));
    }

    private static List<AlertEvent> attach(AlertCommand.AttachToIncident attach, AlertState state) {
        if (!state.hasAlert() || !state.alertId().equals(attach.alertId())) {
            throw new RuleViolation("alert " + attach.alertId() + " is not the current alert of dedup key "
                    + state.dedupKey());
        }
        if (attach.incidentId().equals(state.incidentId())) {
            return List.of();
        }
        if (state.incidentId() != null) {
            throw new RuleViolation("alert " + state.alertId() + " is already attached to incident "
                    + state.incidentId());
        }
        return List.of(new AlertEvent.AttachedToIncident(state.alertId(), state.dedupKey(), attach.incidentId(),
                attach.attachedAt(), attach.groupedBy()));
    }

    private static void requireSameKey(AlertSignal signal, AlertSignal.Action action, AlertState state) {
        if (signal.action() != action) {
            throw new InvalidCommand("action", "a " + signal.action() + " signal cannot " + action.name().toLowerCase(Locale.ROOT));
        }
        if (state.dedupKey() != null && !state.dedupKey().equals(signal.dedupKey())) {
            throw new InvalidCommand("dedupKey", "signal for dedup key " + signal.dedupKey()
                    + " sent to the alert of dedup key " + state.dedupKey());
        }
    }

    /** The key's current alert must be attached to the incident; an older alert's attachment is the adapter's word. */
    private static void requireAttachedTo(java.util.UUID alertId, java.util.UUID incidentId, AlertState state) {
        if (state.dedupKey() == null) {
            throw new RuleViolation("there is no alert " + alertId);
        }
        if (alertId.equals(state.alertId()) && !incidentId.equals(state.incidentId())) {
            throw new RuleViolation("alert " + alertId + " is not attached to incident " + incidentId);
        }
    }

    /** When an acknowledge or resolve happened: the signal's time, kept between the alert's start and the arrival. */
    private static Instant followUpTime(AlertSignal signal, Instant receivedAt, AlertState state) {
        Instant at = signal.timestamp() != null && !signal.timestamp().isAfter(receivedAt)
                ? signal.timestamp()
                : receivedAt;
        return at.isBefore(state.triggeredAt()) ? state.triggeredAt() : at;
    }

    @Override
    public AlertState evolve(AlertState state, AlertEvent event) {
        if (event instanceof AlertEvent.Triggered t) {
            return new AlertState(t.alertId(), t.dedupKey(), AlertStatus.TRIGGERED, t.severity(), t.summary(),
                    t.source(), t.service(), 1, null, t.triggeredAt(), t.receivedAt(), null, null,
                    state.alertsOpened() + 1);
        }
        if (event instanceof AlertEvent.Repeated r) {
            return new AlertState(state.alertId(), state.dedupKey(), state.status(), state.severity(),
                    state.summary(), state.source(), state.service(), r.occurrences(), state.incidentId(),
                    state.triggeredAt(), r.repeatedAt(), state.acknowledgedAt(), state.resolvedAt(),
                    state.alertsOpened());
        }
        if (event instanceof AlertEvent.Acknowledged a) {
            return new AlertState(state.alertId(), state.dedupKey(), AlertStatus.ACKNOWLEDGED, state.severity(),
                    state.summary(), state.source(), state.service(), state.occurrences(), state.incidentId(),
                    state.triggeredAt(), state.lastTriggerAt(), a.acknowledgedAt(), state.resolvedAt(),
                    state.alertsOpened());
        }
        if (event instanceof AlertEvent.Resolved r) {
            return new AlertState(state.alertId(), state.dedupKey(), AlertStatus.RESOLVED, state.severity(),
                    state.summary(), state.source(), state.service(), state.occurrences(), state.incidentId(),
                    state.triggeredAt(), state.lastTriggerAt(), state.acknowledgedAt(), r.resolvedAt(),
                    state.alertsOpened());
        }
        if (event instanceof AlertEvent.AttachedToIncident a) {
            return new AlertState(state.alertId(), state.dedupKey(), state.status(), state.severity(),
                    state.summary(), state.source(), state.service(), state.occurrences(), a.incidentId(),
                    state.triggeredAt(), state.lastTriggerAt(), state.acknowledgedAt(), state.resolvedAt(),
                    state.alertsOpened());
        }
        if (event instanceof AlertEvent.DetachedFromIncident d) {
            return d.alertId().equals(state.alertId()) ? withIncident(state, null) : state;
        }
        if (event instanceof AlertEvent.MovedToIncident m) {
            return m.alertId().equals(state.alertId()) ? withIncident(state, m.incidentId()) : state;
        }
        throw new IllegalArgumentException("unknown alert event " + event);
    }

    private static AlertState withIncident(AlertState state, java.util.UUID incidentId) {
        return new AlertState(state.alertId(), state.dedupKey(), state.status(), state.severity(),
                state.summary(), state.source(), state.service(), state.occurrences(), incidentId,
                state.triggeredAt(), state.lastTriggerAt(), state.acknowledgedAt(), state.resolvedAt(),
                state.alertsOpened());
    }
}
