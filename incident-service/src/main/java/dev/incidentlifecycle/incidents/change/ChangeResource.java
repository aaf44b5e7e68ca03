package dev.incidentlifecycle.incidents.change;

import dev.incidentlifecycle.web.Page;
import dev.incidentlifecycle.web.PageRequest;
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

/** The changes kept per service, readable by everyone who may read incidents. */
@Path("/changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Change events")
public class ChangeResource {

    private final Changes changes;

    ChangeResource(Changes changes) {
        this.changes = changes;
    }

    @GET
    @Authenticated
    @Operation(operationId = "listChanges", summary = "Changes of a service (or of all) in a period of at most 31 days, newest first",
            description = "400 when from is not before to, the period is longer than 31 days, a time is not RFC 3339, or the page is out of range.")
    public Uni<Page<ChangeView>> list(
            @Parameter(description = "the service the changes were made to (at most 255 characters); absent: every service",
                    example = "checkout") @QueryParam("service") String service,
            @Parameter(description = "at or after (RFC 3339); default: a day before to", example = "2026-12-01T08:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "before (RFC 3339); default: now", example = "2026-12-02T08:00:00Z") @QueryParam("to") String to,
            @QueryParam("page") Integer page,
            @Parameter(description = "at most " + PageRequest.MAX_SIZE) @QueryParam("size") Integer size) {
        return changes.list(QueryParameters.text(service), QueryParameters.instant("from", from), QueryParameters.instant("to", to),
                PageRequest.of(page, size));
    }
}
