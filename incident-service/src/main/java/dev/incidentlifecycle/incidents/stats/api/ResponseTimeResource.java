package dev.incidentlifecycle.incidents.stats.api;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import dev.incidentlifecycle.incidents.incident.readmodel.IncidentRow;
import dev.incidentlifecycle.incidents.stats.ReportingPeriod;
import dev.incidentlifecycle.incidents.stats.ResponseTimeRow;
import dev.incidentlifecycle.incidents.stats.ResponseTimeStats;
import dev.incidentlifecycle.web.QueryParameters;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MTTA / MTTM / MTTR (median and p90, nearest rank) of the incidents declared in a period, overall, by service
 * and by severity. See {@link ResponseTimeStats} for the method.
 */
@Path("/incidents/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class ResponseTimeResource {

    private final Mutiny.SessionFactory sessions;

    ResponseTimeResource(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    @GET
    @Authenticated
    @Operation(operationId = "getResponseTimes", summary = "Response times of the incidents declared in [from, to), from detection")
    public Uni<ResponseTimeReportView> report(
            @Parameter(description = "RFC 3339; open when left out") @QueryParam("from") String from,
            @Parameter(description = "RFC 3339, exclusive; open when left out") @QueryParam("to") String to,
            @Parameter(description = "only this service's incidents") @QueryParam("service") String service) {
        Instant fromTime = QueryParameters.instant("from", from);
        Instant toTime = QueryParameters.instant("to", to);
        if (fromTime != null && toTime != null && toTime.isBefore(fromTime)) {
            throw new InvalidCommand("to", "the period cannot end before it starts");
        }
        ReportingPeriod period = new ReportingPeriod(fromTime, toTime);
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (fromTime != null) {
            where.append(" and declaredAt >= :from");
            parameters.put("from", fromTime);
        }
        if (toTime != null) {
            where.append(" and declaredAt < :to");
            parameters.put("to", toTime);
        }
        String byService = QueryParameters.text(service);
        if (byService != null) {
            where.append(" and service = :service");
            parameters.put("service", byService);
        }
        return sessions.withSession(session -> {
            var query = session.createSelectionQuery("from IncidentRow" + where, IncidentRow.class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> ResponseTimeReportView.of(ResponseTimeStats.report(rows.stream()
                .map(row -> new ResponseTimeRow(row.id, row.service, IncidentSeverity.valueOf(row.severity), row.declaredAt,
                        duration(row.timeToAcknowledgeMillis), duration(row.timeToMitigateMillis),
                        duration(row.timeToResolveMillis)))
                .toList(), period)));
    }

    private static Duration duration(Long millis) {
        return millis == null ? null : Duration.ofMillis(millis);
    }
}
