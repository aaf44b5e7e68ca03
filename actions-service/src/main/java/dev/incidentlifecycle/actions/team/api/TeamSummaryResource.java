package dev.incidentlifecycle.actions.team.api;

import dev.incidentlifecycle.actions.actionitem.readmodel.ActionItemQueries;
import dev.incidentlifecycle.actions.actionitem.store.SlaSettings;
import dev.incidentlifecycle.actions.team.TeamSummary;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;

/** How a team stands with what it owes: the figures people check to see that learning turned into change. */
@Path("/teams/{team}/action-items/summary")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Teams")
public class TeamSummaryResource {

    private final ActionItemQueries queries;
    private final Clock clock;
    private final SlaSettings sla;

    TeamSummaryResource(ActionItemQueries queries, Clock clock, SlaSettings sla) {
        this.queries = queries;
        this.clock = clock;
        this.sla = sla;
    }

    @GET
    @Authenticated
    @Operation(operationId = "getTeamActionItemSummary", summary = "Counts by status, overdue count, share completed on time and median age of open items; "
            + "a team with no items has zeros")
    public Uni<TeamSummary> summary(@PathParam("team") String team) {
        return queries.teamSummary(team, clock.instant(), sla.zone());
    }
}
