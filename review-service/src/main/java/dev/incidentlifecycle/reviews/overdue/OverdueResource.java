package dev.incidentlifecycle.reviews.overdue;

import dev.incidentlifecycle.web.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators can run the overdue sweep now instead of waiting for its schedule. */
@Path("/admin/overdue-sweep")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class OverdueResource {

    private final OverdueSweep sweep;

    OverdueResource(OverdueSweep sweep) {
        this.sweep = sweep;
    }

    public record Swept(int becameOverdue) {
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "sweepOverdueReviews", summary = "Look for overdue reviews now; each is told (review.overdue) once")
    public Uni<Swept> sweep() {
        return sweep.sweep().map(Swept::new);
    }
}
