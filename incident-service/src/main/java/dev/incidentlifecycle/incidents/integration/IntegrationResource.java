package dev.incidentlifecycle.incidents.integration;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.web.CurrentUser;
import dev.incidentlifecycle.web.Page;
import dev.incidentlifecycle.web.PageRequest;
import dev.incidentlifecycle.web.QueryParameters;
import dev.incidentlifecycle.web.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Integrations (role admin): each alert sender is named and has its own key, shown once. Keys are rotated with an
 * overlap and revoked at once, without a restart; the name is the actor of every alert the key sends.
 */
@Path("/integrations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Integrations")
public class IntegrationResource {

    /** Answers that show a key: kept by no cache, and replayed without the key for a repeated Idempotency-Key. */
    static final String NO_STORE = "no-store";

    /** The longest overlap a rotation may give the old keys. */
    static final Duration MAX_OVERLAP = Duration.ofDays(30);

    private final Integrations integrations;
    private final CurrentUser user;
    private final Clock clock;

    IntegrationResource(Integrations integrations, CurrentUser user, Clock clock) {
        this.integrations = integrations;
        this.user = user;
        this.clock = clock;
    }

    @Schema(description = "A new integration")
    public record NewIntegration(
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*", message = "lower-case letters, digits, '.', '_' and '-', starting with a letter or digit")
            @Schema(description = "recorded as the actor of every alert it sends", examples = "grafana-prod") String name,
            @Size(max = 500) @Pattern(regexp = "[^\\p{Cc}]*", message = "must not contain control characters")
            @Schema(examples = "Grafana alerting, production stack") String description,
            @Size(max = 255) @Pattern(regexp = "[^\\p{Cc}]*", message = "must not contain control characters")
            @Schema(description = "the service its change events are about when they name none in payload.custom_details.service; "
                    + "none: their payload.source", examples = "checkout") String service) {
    }

    @Schema(description = "How long the keys in use keep working after the rotation")
    public record Rotation(@Schema(description = "an ISO-8601 duration, at most P30D; default PT24H", examples = "PT24H") String overlap) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createIntegration", summary = "Create an integration; the answer shows its key, once")
    @RequestBody(content = @Content(example = "{\"name\": \"deploys-checkout\", \"description\": \"Argo CD, production\", \"service\": \"checkout\"}"))
    @APIResponse(responseCode = "201", description = "Created; `key` is shown in this answer only",
            content = @Content(schema = @Schema(implementation = IntegrationView.class)))
    @APIResponse(responseCode = "409", description = "An integration of that name exists")
    public Uni<Response> create(@Valid @NotNull NewIntegration body, @Context UriInfo uri) {
        return integrations.create(body.name(), body.description(), blankAsNone(body.service()), user.name(), clock.instant())
                .map(created -> Response.created(uri.getBaseUriBuilder().path("integrations").path(created.id().toString()).build())
                        .header(HttpHeaders.CACHE_CONTROL, NO_STORE).entity(created).build());
    }

    @GET
    @Operation(operationId = "listIntegrations", summary = "List the integrations by name, with the prefixes of the keys that work")
    public Uni<Page<IntegrationView>> list(@QueryParam("page") Integer page,
                                           @Parameter(description = "at most " + PageRequest.MAX_SIZE) @QueryParam("size") Integer size) {
        return integrations.list(PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getIntegration", summary = "One integration")
    public Uni<IntegrationView> get(@PathParam("id") String id) {
        return integrations.find(QueryParameters.uuid("id", id));
    }

    @POST
    @Path("/{id}/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rotateIntegrationKey", summary = "Give the integration a new key (shown once); the old ones work for the overlap")
    @RequestBody(content = @Content(example = "{\"overlap\": \"PT24H\"}"))
    @APIResponse(responseCode = "200", description = "The integration with its new `key`, shown in this answer only",
            content = @Content(schema = @Schema(implementation = IntegrationView.class)))
    @APIResponse(responseCode = "409", description = "The integration is revoked")
    public Uni<Response> rotate(@PathParam("id") String id, @Valid Rotation body) {
        return integrations.rotate(QueryParameters.uuid("id", id), overlap(body), user.name(), clock.instant())
                .map(rotated -> Response.ok(rotated).header(HttpHeaders.CACHE_CONTROL, NO_STORE).build());
    }

    @POST
    @Path("/{id}/revoke")
    @Operation(operationId = "revokeIntegration", summary = "Revoke the integration: its keys stop working at once")
    @APIResponse(responseCode = "200", description = "The integration, revoked",
            content = @Content(schema = @Schema(implementation = IntegrationView.class)))
    @APIResponse(responseCode = "409", description = "Already revoked")
    public Uni<IntegrationView> revoke(@PathParam("id") String id) {
        return integrations.revoke(QueryParameters.uuid("id", id), user.name(), clock.instant());
    }

    private static String blankAsNone(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Duration overlap(Rotation body) {
        if (body == null || body.overlap() == null) {
            return Duration.ofHours(24);
        }
        try {
            Duration overlap = Duration.parse(body.overlap());
            if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
                throw new InvalidCommand("overlap", "overlap must be from PT0S to P30D");
            }
            return overlap;
        } catch (DateTimeParseException e) {
            throw new InvalidCommand("overlap", "overlap must be an ISO-8601 duration such as PT24H");
        }
    }
}
