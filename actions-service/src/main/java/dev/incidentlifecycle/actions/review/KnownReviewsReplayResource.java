package dev.incidentlifecycle.actions.review;

import dev.incidentlifecycle.eventstore.StreamNotFound;
import dev.incidentlifecycle.web.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * The read models this service builds from topics rather than from its own event log, and their replay from the
 * topic's first record. ({@code /admin/read-models} rebuilds those built from the event log.)
 */
@Path("/admin/topic-read-models")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Administration")
public class KnownReviewsReplayResource {

    private final KnownReviewsReplay replay;

    KnownReviewsReplayResource(KnownReviewsReplay replay) {
        this.replay = replay;
    }

    @GET
    @Operation(operationId = "listTopicReadModels", summary = "The read models this service builds from topics")
    public List<String> list() {
        return List.of(KnownReviewsReplay.NAME);
    }

    @POST
    @Path("/{name}/replay")
    @Operation(operationId = "replayTopicReadModel", summary = "Rebuild a read model by replaying its topic from the first "
            + "record, then swap it in; the topic's consumer waits only for the swap")
    @APIResponse(responseCode = "200", description = "Replayed and swapped in")
    @APIResponse(responseCode = "404", description = "No such read model")
    @APIResponse(responseCode = "409", description = "A replay of it is running, or the topic no longer starts at offset 0 "
            + "(retention deleted records, so a replay would lose what they told)")
    public Uni<KnownReviewsReplay.Replayed> replay(
            @Parameter(description = "The read model", schema = @Schema(type = SchemaType.STRING, enumeration = {KnownReviewsReplay.NAME}))
            @PathParam("name") String name) {
        if (!KnownReviewsReplay.NAME.equals(name)) {
            throw new StreamNotFound("no read model " + name + " is built from a topic here; known: " + KnownReviewsReplay.NAME);
        }
        return replay.replay();
    }
}
