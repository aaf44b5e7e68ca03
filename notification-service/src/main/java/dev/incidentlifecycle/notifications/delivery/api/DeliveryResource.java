package dev.incidentlifecycle.notifications.delivery.api;

import dev.incidentlifecycle.eventstore.StreamNotFound;
import dev.incidentlifecycle.notifications.delivery.Deliveries;
import dev.incidentlifecycle.web.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** One delivery, and sending it again. A subscription's log is {@code GET /subscriptions/{id}/deliveries}. */
@Path("/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deliveries")
@RolesAllowed(Roles.ADMIN)
public class DeliveryResource {

    private final Deliveries deliveries;

    DeliveryResource(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getDelivery", summary = "One delivery with the body it sends")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DeliveryView.class)), description = "The delivery")
    @APIResponse(responseCode = "404", description = "No such delivery")
    public Uni<DeliveryView> get(@PathParam("id") String id) {
        UUID deliveryId = deliveryId(id);
        return deliveries.find(deliveryId).map(row -> DeliveryView.of(found(row, deliveryId), true));
    }

    @POST
    @Path("/{id}/redeliver")
    @Operation(operationId = "redeliverDelivery", summary = "Send a delivery again now, with the same webhook-id and body and a new retry window")
    @APIResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = DeliveryView.class)), description = "PENDING again")
    @APIResponse(responseCode = "404", description = "No such delivery")
    @APIResponse(responseCode = "409", description = "Its subscription is DISABLED: enable it first")
    public Uni<Response> redeliver(@PathParam("id") String id) {
        UUID deliveryId = deliveryId(id);
        return deliveries.redeliver(deliveryId)
                .map(row -> Response.accepted(DeliveryView.of(found(row, deliveryId), false)).build());
    }

    private static UUID deliveryId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new StreamNotFound("no delivery " + id);
        }
    }

    private static <T> T found(T row, UUID id) {
        if (row == null) {
            throw new StreamNotFound("no delivery " + id);
        }
        return row;
    }
}
