package dev.incidentlifecycle.incidents.alert.api;

import dev.incidentlifecycle.eventstore.StreamNotFound;
import dev.incidentlifecycle.incidents.alert.AlertStatus;
import dev.incidentlifecycle.incidents.alert.readmodel.AlertRow;
import dev.incidentlifecycle.incidents.alert.readmodel.AlertView;
import dev.incidentlifecycle.web.Page;
import dev.incidentlifecycle.web.PageRequest;
import dev.incidentlifecycle.web.QueryParameters;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Every alert, also those recorded without an incident (by default, warnings and infos). */
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
public class AlertResource {

    private final Mutiny.SessionFactory sessions;

    AlertResource(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    @GET
    @Authenticated
    @Operation(operationId = "listAlerts", summary = "Alerts, most recently triggered first (then by id); filters combine")
    public Uni<Page<AlertView>> list(@QueryParam("service") String service,
                                     @Parameter(description = "TRIGGERED, ACKNOWLEDGED or RESOLVED", schema = @Schema(implementation = AlertStatus.class)) @QueryParam("status") String status,
                                     @QueryParam("dedupKey") String dedupKey,
                                     @QueryParam("page") Integer page,
                                     @Parameter(description = "at most " + PageRequest.MAX_SIZE) @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        String byService = QueryParameters.text(service);
        if (byService != null) {
            where.append(" and service = :service");
            parameters.put("service", byService);
        }
        AlertStatus byStatus = QueryParameters.oneOf("status", AlertStatus.class, status);
        if (byStatus != null) {
            where.append(" and status = :status");
            parameters.put("status", byStatus.name());
        }
        String byKey = QueryParameters.text(dedupKey);
        if (byKey != null) {
            where.append(" and dedupKey = :dedupKey");
            parameters.put("dedupKey", byKey);
        }
        // Alerts opened in one batch share their received time; a key's newer alert always has the higher version.
        return sessions.withSession(session -> request.read(session, AlertRow.class, "from AlertRow" + where,
                        "triggeredAt desc, version desc, alertId desc", parameters))
                .map(found -> found.map(AlertView::of));
    }

    @GET
    @Path("/{alertId}")
    @Authenticated
    @Operation(operationId = "getAlert", summary = "One alert")
    public Uni<AlertView> get(@PathParam("alertId") String alertId) {
        UUID id;
        try {
            id = UUID.fromString(alertId);
        } catch (IllegalArgumentException e) {
            throw new StreamNotFound("no alert " + alertId);
        }
        return sessions.withSession(session -> session.find(AlertRow.class, id))
                .onItem().ifNull().failWith(() -> new StreamNotFound("no alert " + alertId))
                .map(AlertView::of);
    }
}
