package dev.incidentlifecycle.web.replay;

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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * The read models this service builds from topics rather than from its own event log, and their replay from the
 * topics' first records. ({@code /admin/read-models} rebuilds those built from the event log.)
 */
@Path("/admin/topic-read-models")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Administration")
public class TopicReadModelResource {

    private final TopicReplay replay;

    TopicReadModelResource(TopicReplay replay) {
        this.replay = replay;
    }

    @GET
    @Operation(operationId = "listTopicReadModels", summary = "The read models this service builds from topics")
    public List<String> list() {
        return replay.readModels();
    }

    @POST
    @Path("/{name}/replay")
    @Operation(operationId = "replayTopicReadModel", summary = "Rebuild a read model by replaying its topics from the first "
            + "record, then swap it in; the topics' consumers wait only for the swap")
    @APIResponse(responseCode = "200", description = "Replayed and swapped in")
    @APIResponse(responseCode = "404", description = "No such read model")
    @APIResponse(responseCode = "409", description = "A replay of it is running, or a topic no longer starts at offset 0 "
            + "(retention deleted records, so a replay would lose what they told)")
    public Uni<TopicReplay.Replayed> replay(
            @Parameter(description = "The read model, as GET /admin/topic-read-models lists it: known-reviews (actions-service), "
                    + "incidents (review-service), event-subjects (notification-service)")
            @PathParam("name") String name) {
        return replay.replay(name);
    }
}
