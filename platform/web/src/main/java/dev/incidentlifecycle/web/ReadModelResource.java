package dev.incidentlifecycle.web;

import dev.incidentlifecycle.eventstore.ReadModelRebuild;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Operators' view of the read models: list them, rebuild one from the event log. */
@Path("/admin/read-models")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Administration")
public class ReadModelResource {

    private static final Logger LOG = Logger.getLogger(ReadModelResource.class);

    private final ReadModelRebuild rebuild;

    ReadModelResource(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @GET
    @Operation(operationId = "listReadModels", summary = "The read models this service keeps")
    public List<String> list() {
        return rebuild.readModels();
    }

    @POST
    @Path("/{name}/rebuild")
    @Operation(operationId = "rebuildReadModel", summary = "Rebuild a read model by replaying the event log beside it, then swap it in (writers wait only for the swap); progress goes to the log")
    public Uni<Rebuilt> rebuild(@PathParam("name") String name) {
        Instant start = Instant.now();
        return rebuild.rebuild(name, count -> LOG.infof("rebuilding %s: %d events replayed", name, count))
                .map(count -> new Rebuilt(name, count, Duration.between(start, Instant.now()).toMillis()));
    }

    public record Rebuilt(String readModel, long eventsReplayed, long millis) {
    }
}
