package dev.incidentlifecycle.notifications.subscription.api;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventstore.StreamNotFound;
import dev.incidentlifecycle.notifications.Blocking;
import dev.incidentlifecycle.notifications.NotificationSettings;
import dev.incidentlifecycle.notifications.delivery.Deliveries;
import dev.incidentlifecycle.notifications.delivery.DeliveryStatus;
import dev.incidentlifecycle.notifications.delivery.TargetAddresses;
import dev.incidentlifecycle.notifications.delivery.api.DeliveryView;
import dev.incidentlifecycle.notifications.slack.SlackMessages;
import dev.incidentlifecycle.notifications.subscription.EventFilter;
import dev.incidentlifecycle.notifications.subscription.SubscriptionFormat;
import dev.incidentlifecycle.notifications.subscription.SubscriptionState;
import dev.incidentlifecycle.notifications.subscription.Subscriptions;
import dev.incidentlifecycle.web.Page;
import dev.incidentlifecycle.web.PageRequest;
import dev.incidentlifecycle.web.QueryParameters;
import dev.incidentlifecycle.web.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** Webhook subscriptions: admins say where which events go, in which format. */
@Path("/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Subscriptions")
@RolesAllowed(Roles.ADMIN)
public class SubscriptionResource {

    private final Subscriptions subscriptions;
    private final Deliveries deliveries;
    private final TargetAddresses targets;
    private final Duration defaultOverlap;
    private final Vertx vertx;

    SubscriptionResource(Subscriptions subscriptions, Deliveries deliveries, NotificationSettings settings, Vertx vertx) {
        this.vertx = vertx;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.targets = TargetAddresses.of(settings.targets());
        this.defaultOverlap = settings.secretOverlap();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSubscription", summary = "Subscribe a URL to event types, in Standard Webhooks or Slack format; "
            + "the answer shows the whsec_ signing secret, this once")
    @APIResponse(responseCode = "201", description = "Created; Location names it; `secret` is shown only here",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "A field is wrong, or the target is on a loopback, link-local or private address")
    public Uni<Response> create(@NotNull @Valid SubscriptionRequests.Create body, @Context UriInfo uri) {
        Set<String> types = new LinkedHashSet<>(body.eventTypes());
        if (body.format() == SubscriptionFormat.SLACK && !SlackMessages.EVENT_TYPES.containsAll(types)) {
            throw new InvalidCommand("eventTypes", "a slack subscription can have only " + String.join(", ", new java.util.TreeSet<>(SlackMessages.EVENT_TYPES)));
        }
        String host = host(body.targetUrl());
        SubscriptionRequests.Filter filter = body.filter();
        EventFilter eventFilter = filter == null ? new EventFilter(null, null, null)
                : new EventFilter(QueryParameters.text(filter.service()), QueryParameters.text(filter.team()), QueryParameters.text(filter.severity()));
        return Blocking.run(vertx, () -> checkTarget(host))
                .flatMap(checked -> subscriptions.create(new Subscriptions.NewSubscription(body.targetUrl().strip(), body.format(), types,
                        eventFilter, QueryParameters.text(body.description()))))
                .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.subscription().id.toString()).build())
                        .header(HttpHeaders.CACHE_CONTROL, "no-store") // shows the secret once: never kept, never replayed
                        .entity(SubscriptionView.of(created.subscription(), created.secret())).build());
    }

    @GET
    @Operation(operationId = "listSubscriptions", summary = "Every subscription, newest first, paged")
    @APIResponse(responseCode = "200", description = "A page: {\"items\":[...],\"total\":N,\"page\":P,\"size\":S}")
    public Uni<Page<SubscriptionView>> list(
            @Parameter(description = "ACTIVE or DISABLED", schema = @Schema(implementation = SubscriptionState.class)) @QueryParam("state") String state,
            @Parameter(description = "Page number, from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Page size, at most " + PageRequest.MAX_SIZE) @QueryParam("size") Integer size) {
        return subscriptions.list(QueryParameters.oneOf("state", SubscriptionState.class, state), PageRequest.of(page, size))
                .map(found -> found.map(SubscriptionView::of));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSubscription", summary = "One subscription (never its secret)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SubscriptionView.class)), description = "The subscription")
    @APIResponse(responseCode = "404", description = "No such subscription")
    public Uni<SubscriptionView> get(@PathParam("id") String id) {
        UUID subscriptionId = subscriptionId(id);
        return subscriptions.find(subscriptionId).map(row -> SubscriptionView.of(found(row, subscriptionId)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteSubscription", summary = "Delete a subscription with its secrets and delivery log")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such subscription")
    public Uni<Response> delete(@PathParam("id") String id) {
        UUID subscriptionId = subscriptionId(id);
        return subscriptions.delete(subscriptionId).map(deleted -> {
            if (!deleted) {
                throw notFound(subscriptionId);
            }
            return Response.noContent().build();
        });
    }

    @POST
    @Path("/{id}/secret/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rotateSubscriptionSecret", summary = "A new signing secret; the current ones keep signing beside it for the overlap "
            + "(webhook-signature then carries one signature per secret), then retire")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SubscriptionView.RotatedSecret.class)),
            description = "The new secret, shown this once")
    @APIResponse(responseCode = "404", description = "No such subscription")
    public Uni<Response> rotate(@PathParam("id") String id, @Valid SubscriptionRequests.Rotate body) {
        UUID subscriptionId = subscriptionId(id);
        Duration overlap = body == null || body.overlapSeconds() == null ? defaultOverlap : Duration.ofSeconds(body.overlapSeconds());
        return subscriptions.rotate(subscriptionId, overlap).map(rotated -> {
            if (rotated == null) {
                throw notFound(subscriptionId);
            }
            return Response.ok(new SubscriptionView.RotatedSecret(rotated.secret(), rotated.previousSecretsRetireAt()))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        });
    }

    @POST
    @Path("/{id}/enable")
    @Operation(operationId = "enableSubscription", summary = "Enable a DISABLED subscription: events from now on are sent, and its pending deliveries resume")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SubscriptionView.class)), description = "The subscription, ACTIVE")
    @APIResponse(responseCode = "404", description = "No such subscription")
    public Uni<SubscriptionView> enable(@PathParam("id") String id) {
        UUID subscriptionId = subscriptionId(id);
        return subscriptions.enable(subscriptionId).map(row -> SubscriptionView.of(found(row, subscriptionId)));
    }

    @POST
    @Path("/{id}/disable")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "disableSubscription", summary = "Disable a subscription: nothing is recorded or sent for it until it is enabled")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SubscriptionView.class)), description = "The subscription, DISABLED")
    @APIResponse(responseCode = "404", description = "No such subscription")
    public Uni<SubscriptionView> disable(@PathParam("id") String id, @Valid SubscriptionRequests.Disable body) {
        UUID subscriptionId = subscriptionId(id);
        String reason = body == null || QueryParameters.text(body.reason()) == null ? "disabled by an admin" : body.reason().strip();
        return subscriptions.disable(subscriptionId, reason).map(row -> SubscriptionView.of(found(row, subscriptionId)));
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listSubscriptionDeliveries", summary = "The subscription's delivery log, newest first, paged")
    @APIResponse(responseCode = "200", description = "A page: {\"items\":[...],\"total\":N,\"page\":P,\"size\":S}")
    @APIResponse(responseCode = "404", description = "No such subscription")
    public Uni<Page<DeliveryView>> deliveries(@PathParam("id") String id,
            @Parameter(description = "PENDING, DELIVERED or FAILED", schema = @Schema(implementation = DeliveryStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "Page number, from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Page size, at most " + PageRequest.MAX_SIZE) @QueryParam("size") Integer size) {
        UUID subscriptionId = subscriptionId(id);
        DeliveryStatus wanted = QueryParameters.oneOf("status", DeliveryStatus.class, status);
        PageRequest request = PageRequest.of(page, size);
        return subscriptions.find(subscriptionId)
                .flatMap(row -> deliveries.ofSubscription(found(row, subscriptionId).id, wanted, request))
                .map(found -> found.map(delivery -> DeliveryView.of(delivery, false)));
    }

    /** The URL's host, when the URL is an absolute http(s) URL without user info. */
    static String host(String targetUrl) {
        URI uri;
        try {
            uri = new URI(targetUrl.strip());
        } catch (URISyntaxException e) {
            throw new InvalidCommand("targetUrl", "targetUrl is not a URL: " + e.getReason());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"))) {
            throw new InvalidCommand("targetUrl", "targetUrl must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidCommand("targetUrl", "targetUrl must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidCommand("targetUrl", "targetUrl must not carry user info; put credentials in the path or query");
        }
        return uri.getHost();
    }

    private boolean checkTarget(String host) {
        try {
            targets.resolve(host);
            return true;
        } catch (TargetAddresses.Refused e) {
            throw new InvalidCommand("targetUrl", "targetUrl is not allowed: " + e.getMessage());
        }
    }

    static UUID subscriptionId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new StreamNotFound("no subscription " + id);
        }
    }

    static <T> T found(T row, UUID id) {
        if (row == null) {
            throw notFound(id);
        }
        return row;
    }

    static StreamNotFound notFound(UUID id) {
        return new StreamNotFound("no subscription " + id);
    }
}
