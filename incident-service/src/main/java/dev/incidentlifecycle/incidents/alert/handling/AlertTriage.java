package dev.incidentlifecycle.incidents.alert.handling;

import dev.incidentlifecycle.eventstore.Decided;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.RecordedEvent;
import dev.incidentlifecycle.eventstore.UnitOfWork;
import dev.incidentlifecycle.incidents.alert.AlertCommand;
import dev.incidentlifecycle.incidents.alert.AlertEvent;
import dev.incidentlifecycle.incidents.alert.AlertState;
import dev.incidentlifecycle.incidents.alert.AlertStatus;
import dev.incidentlifecycle.incidents.alert.readmodel.AlertRow;
import dev.incidentlifecycle.incidents.declaration.AlertDecision;
import dev.incidentlifecycle.incidents.declaration.CandidateIncident;
import dev.incidentlifecycle.incidents.declaration.DeclarationPolicy;
import dev.incidentlifecycle.incidents.eventlog.Streams;
import dev.incidentlifecycle.incidents.incident.AlertReference;
import dev.incidentlifecycle.incidents.incident.Incident;
import dev.incidentlifecycle.incidents.incident.IncidentCommand;
import dev.incidentlifecycle.incidents.incident.IncidentStatus;
import dev.incidentlifecycle.incidents.incident.readmodel.IncidentRow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * What a handled alert signal means for incidents, decided in the signal's own transaction:
 * <ul>
 *   <li>a new alert ({@code alert.triggered}) goes through the {@link DeclarationPolicy}: declare an incident
 *       (numbered from the {@code incident_number} sequence), attach the alert to the service's open incident,
 *       or record the alert only. The service's lock is held while deciding, so two alerts of one service
 *       never both declare;</li>
 *   <li>an alert of an incident resolving, when it was the incident's last open one, adds the "all alerts
 *       resolved" entry to the incident (and resolves it, if the policy says so). The incident's lock keeps two
 *       alerts resolving at once from each seeing the other still open.</li>
 * </ul>
 * Incident commands here carry no time of their own: they happen when they are recorded, which can never be
 * before the incident's declaration and so can never be refused for it.
 */
@ApplicationScoped
public class AlertTriage {

    private final DeclarationPolicy policy;

    AlertTriage(DeclarationPolicy policy) {
        this.policy = policy;
    }

    Uni<Void> followUp(UnitOfWork work, Decided<AlertState, AlertEvent> decided) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (RecordedEvent<AlertEvent> recorded : decided.events()) {
            AlertEvent event = recorded.event();
            if (event instanceof AlertEvent.Triggered triggered) {
                chain = chain.flatMap(v -> newAlert(work, triggered));
            } else if (event instanceof AlertEvent.Resolved resolved && resolved.incidentId() != null) {
                chain = chain.flatMap(v -> alertResolved(work, resolved.incidentId()));
            }
        }
        return chain;
    }

    private Uni<Void> newAlert(UnitOfWork work, AlertEvent.Triggered alert) {
        Uni<CandidateIncident> candidate = alert.service() == null
                ? Uni.createFrom().nullItem()
                : work.lock("service:" + alert.service()).flatMap(v -> openIncidentOf(work, alert.service()));
        return candidate.flatMap(open -> {
            AlertDecision decision = policy.decide(alert, open, work.recordedAt());
            if (decision instanceof AlertDecision.Declare declare) {
                return declare(work, alert, declare);
            }
            if (decision instanceof AlertDecision.AttachTo attach) {
                return work.execute(Streams.INCIDENT, attach.incidentId().toString(), ExpectedVersion.ANY,
                                new IncidentCommand.AttachAlert(AlertReference.of(alert), actor(work), null, work.recordedAt()))
                        .flatMap(v -> attachAlert(work, alert, attach.incidentId()));
            }
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> declare(UnitOfWork work, AlertEvent.Triggered alert, AlertDecision.Declare declare) {
        UUID incidentId = UUID.randomUUID();
        return work.nextValue("incident_number")
                .flatMap(number -> work.execute(Streams.INCIDENT, incidentId.toString(), ExpectedVersion.ANY,
                        new IncidentCommand.Declare(incidentId, Incident.number(number), declare.title(), declare.severity(),
                                alert.service(), null, null, AlertReference.of(alert), actor(work), null, work.recordedAt())))
                .flatMap(v -> attachAlert(work, alert, incidentId));
    }

    private static Uni<Void> attachAlert(UnitOfWork work, AlertEvent.Triggered alert, UUID incidentId) {
        return work.execute(Streams.ALERT, alert.dedupKey(), ExpectedVersion.ANY,
                        new AlertCommand.AttachToIncident(alert.alertId(), incidentId, work.recordedAt()))
                .replaceWithVoid();
    }

    /** The service's most recently declared incident that is still open, as this transaction sees it. */
    private static Uni<CandidateIncident> openIncidentOf(UnitOfWork work, String service) {
        return work.session()
                .createSelectionQuery("from IncidentRow where service = :service and status in (:open) "
                        + "order by declaredAt desc, id desc", IncidentRow.class)
                .setParameter("service", service)
                .setParameter("open", List.of(IncidentStatus.INVESTIGATING.name(), IncidentStatus.MITIGATED.name()))
                .setMaxResults(1)
                .getSingleResultOrNull()
                .map(row -> row == null ? null
                        : new CandidateIncident(row.id, row.service, IncidentStatus.valueOf(row.status), row.declaredAt));
    }

    private Uni<Void> alertResolved(UnitOfWork work, UUID incidentId) {
        return work.lock("incident-alerts:" + incidentId)
                // The resolved alert's row was changed in this session: the count must see it.
                .flatMap(v -> work.session().flush())
                .flatMap(v -> work.session()
                        .createSelectionQuery("select count(*) from AlertRow where incidentId = :incident and status <> :resolved",
                                Long.class)
                        .setParameter("incident", incidentId)
                        .setParameter("resolved", AlertStatus.RESOLVED.name())
                        .getSingleResult())
                .flatMap(stillOpen -> stillOpen > 0 ? Uni.createFrom().voidItem() : allAlertsResolved(work, incidentId));
    }

    private Uni<Void> allAlertsResolved(UnitOfWork work, UUID incidentId) {
        return work.load(Streams.INCIDENT, incidentId.toString()).flatMap(loaded -> {
            // A closed incident records nothing more; its alerts may still resolve.
            if (!loaded.exists() || loaded.state().status() == IncidentStatus.CLOSED) {
                return Uni.createFrom().voidItem();
            }
            IncidentCommand command = new IncidentCommand.RecordAllAlertsResolved(
                    policy.autoResolveWhenAlertsResolved(), actor(work), null, work.recordedAt());
            return work.append(Streams.INCIDENT, loaded, Streams.INCIDENT.decider().decide(command, loaded.state()))
                    .replaceWithVoid();
        });
    }

    private static String actor(UnitOfWork work) {
        return work.context().actor();
    }
}
