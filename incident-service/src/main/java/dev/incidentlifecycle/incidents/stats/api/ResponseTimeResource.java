package dev.incidentlifecycle.incidents.stats.api;

import dev.incidentlifecycle.incidents.stats.ReportingPeriod;
import dev.incidentlifecycle.incidents.stats.ResponseTimeQuery;
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

import java.time.Clock;

/**
 * MTTA / MTTM / MTTR (median and p90, nearest rank) of the incidents declared in a period of at most 366 days,
 * overall, by service and by severity. See {@link ResponseTimeQuery} for the method.
 */
@Path("/incidents/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class ResponseTimeResource {

    private final ResponseTimeQuery query;
    private final Clock clock;

    ResponseTimeResource(ResponseTimeQuery query, Clock clock) {
        this.query = query;
        this.clock = clock;
    }

    @GET
    @Authenticated
    @Operation(operationId = "getResponseTimes", summary = "Response times of the incidents declared in [from, to), from detection; at most 366 days")
    public Uni<ResponseTimeReportView> report(
            @Parameter(description = "RFC 3339; default: 30 days before `to`") @QueryParam("from") String from,
            @Parameter(description = "RFC 3339, exclusive; default: now") @QueryParam("to") String to,
            @Parameter(description = "only this service's incidents") @QueryParam("service") String service) {
        ReportingPeriod period = ReportingPeriod.of(QueryParameters.instant("from", from), QueryParameters.instant("to", to), clock.instant());
        return query.report(period, QueryParameters.text(service)).map(ResponseTimeReportView::of);
    }
}
