package dev.incidentlifecycle.actions.overdue;

import dev.incidentlifecycle.web.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs the overdue sweep now, without waiting for its schedule ({@code actions.overdue-sweep}). */
@Path("/admin/overdue-sweep")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class OverdueSweepResource {

    private final OverdueSweep sweep;

    OverdueSweepResource(OverdueSweep sweep) {
        this.sweep = sweep;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "sweepOverdueActionItems", summary = "Sweep for overdue action items now; answers how many became overdue")
    public Uni<Swept> sweep() {
        return sweep.sweep().map(Swept::new);
    }

    /** @param markedOverdue items for which {@code action-item.overdue} was emitted by this sweep */
    public record Swept(int markedOverdue) {
    }
}
