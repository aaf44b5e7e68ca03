package dev.incidentlifecycle.incidents.stats;

import dev.incidentlifecycle.incidents.incident.IncidentStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges for operators' dashboards, read from the incident read model on a schedule: incidents open now, and the
 * mean time to acknowledge and to resolve of the incidents declared in the last 30 days (medians and p90 are at
 * {@code GET /incidents/stats}). Every instance reports the same figures: take {@code max}, not {@code sum}.
 */
@ApplicationScoped
public class IncidentGauges {

    private static final Logger LOG = Logger.getLogger(IncidentGauges.class);
    static final Duration WINDOW = Duration.ofDays(30);

    private final Mutiny.SessionFactory sessions;
    private final Clock clock;
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong meanToAcknowledge = new AtomicLong();
    private final AtomicLong meanToResolve = new AtomicLong();

    IncidentGauges(Mutiny.SessionFactory sessions, Clock clock, MeterRegistry meters) {
        this.sessions = sessions;
        this.clock = clock;
        Gauge.builder("incidents_open", open, AtomicLong::get)
                .description("Incidents not yet resolved (INVESTIGATING or MITIGATED)").register(meters);
        Gauge.builder("incidents_mtta_seconds", meanToAcknowledge, AtomicLong::get)
                .description("Mean time from detection to acknowledgement, incidents declared in the last 30 days").register(meters);
        Gauge.builder("incidents_mttr_seconds", meanToResolve, AtomicLong::get)
                .description("Mean time from detection to resolution, incidents declared in the last 30 days").register(meters);
    }

    @Scheduled(every = "${incidents.gauges-refresh:30s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return sessions.withSession(session -> session.createSelectionQuery(
                                "select count(*) from IncidentRow where status in (:open)", Long.class)
                        .setParameter("open", List.of(IncidentStatus.INVESTIGATING.name(), IncidentStatus.MITIGATED.name()))
                        .getSingleResult()
                        .invoke(open::set)
                        .chain(() -> session.createSelectionQuery("select avg(timeToAcknowledgeMillis), avg(timeToResolveMillis) "
                                        + "from IncidentRow where declaredAt >= :since", Object[].class)
                                .setParameter("since", clock.instant().minus(WINDOW))
                                .getSingleResult()))
                .invoke(means -> {
                    meanToAcknowledge.set(seconds(means[0]));
                    meanToResolve.set(seconds(means[1]));
                })
                .onFailure().invoke(e -> LOG.debugf("incident gauges not refreshed, the next run tries again: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static long seconds(Object meanMillis) {
        return meanMillis instanceof Number millis ? Math.round(millis.doubleValue() / 1000) : 0;
    }
}
