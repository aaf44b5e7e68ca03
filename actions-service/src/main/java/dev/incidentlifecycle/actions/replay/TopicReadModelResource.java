package dev.incidentlifecycle.actions.replay;

import dev.incidentlifecycle.actions.incident.KnownIncidents;
import dev.incidentlifecycle.actions.review.KnownReviews;
import dev.incidentlifecycle.eventstore.StreamNotFound;
import dev.incidentlifecycle.web.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
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
import java.util.Map;
import java.util.TreeMap;

/**
 * The read models this service builds from topics rather than from its own event log ({@link TopicReadModel} beans),
 * and their replay from the topic's first record. ({@code /admin/read-models} rebuilds those built from the event log.)
 */
@Path("/admin/topic-read-models")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Administration")
public class TopicReadModelResource {

    private final TopicReplay replay;
    private final Map<String, TopicReadModel<?>> models = new TreeMap<>();

    TopicReadModelResource(TopicReplay replay, Instance<TopicReadModel<?>> models) {
        this.replay = replay;
        models.forEach(model -> this.models.put(model.name(), model));
    }

    @GET
    @Operation(operationId = "listTopicReadModels", summary = "The read models this service builds from topics")
    @APIResponse(responseCode = "200", description = "Their names, in alphabetical order")
    public List<String> list() {
        return List.copyOf(models.keySet());
    }

    @POST
    @Path("/{name}/replay")
    @Operation(operationId = "replayTopicReadModel", summary = "Rebuild a read model by replaying its topic from the first "
            + "record, then swap it in; the topic's consumer waits only for the swap")
    @APIResponse(responseCode = "200", description = "Replayed and swapped in")
    @APIResponse(responseCode = "404", description = "No such read model")
    @APIResponse(responseCode = "409", description = "A replay of it is running, or the topic no longer starts at offset 0 "
            + "(retention deleted records, so a replay would lose what they told)")
    public Uni<TopicReplay.Replayed> replay(
            @Parameter(description = "The read model", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {KnownIncidents.NAME, KnownReviews.NAME})) @PathParam("name") String name) {
        TopicReadModel<?> model = models.get(name);
        if (model == null) {
            throw new StreamNotFound("no read model " + name + " is built from a topic here; known: " + models.keySet());
        }
        return replay.replay(model);
    }
}
