package dev.incidentlifecycle.actions.actionitem.api;

import dev.incidentlifecycle.actions.actionitem.ActionItem;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand;
import dev.incidentlifecycle.actions.actionitem.ActionItemOrigin;
import dev.incidentlifecycle.actions.actionitem.ActionItemStatus;
import dev.incidentlifecycle.actions.actionitem.ActionItemType;
import dev.incidentlifecycle.actions.actionitem.readmodel.ActionItemFilter;
import dev.incidentlifecycle.actions.actionitem.readmodel.ActionItemQueries;
import dev.incidentlifecycle.actions.actionitem.readmodel.ActionItemRow;
import dev.incidentlifecycle.actions.actionitem.store.ActionItemAggregate;
import dev.incidentlifecycle.actions.actionitem.ReviewedItem;
import dev.incidentlifecycle.actions.actionitem.store.SlaSettings;
import dev.incidentlifecycle.actions.review.KnownReviews;
import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.StreamNotFound;
import dev.incidentlifecycle.web.CurrentUser;
import dev.incidentlifecycle.web.ArrayOrPage;
import dev.incidentlifecycle.web.ArrayOrPageDocumentation;
import dev.incidentlifecycle.web.HistoryEntry;
import dev.incidentlifecycle.web.Page;
import dev.incidentlifecycle.web.PageRequest;
import dev.incidentlifecycle.web.QueryParameters;
import dev.incidentlifecycle.web.Roles;
import dev.incidentlifecycle.web.Versions;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Action items for the teams that owe them. Anyone signed in reads; only a member of the owning team
 * ({@code teams} claim) or an admin changes an item, and {@code If-Match} guards against lost updates.
 */
@Path("/action-items")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Action items", description = "Remediation work from published reviews, or created by hand for a review or incident, tracked to done")
public class ActionItemResource {

    /** The longest owner a filter takes: an item's owner is at most this long (review-service's bound). */
    static final int MAX_OWNER = 500;

    private final EventStore store;
    private final ActionItemAggregate aggregate;
    private final ActionItemQueries queries;
    private final CurrentUser user;
    private final Clock clock;
    private final SlaSettings sla;

    ActionItemResource(EventStore store, ActionItemAggregate aggregate, ActionItemQueries queries, CurrentUser user,
                       Clock clock, SlaSettings sla) {
        this.store = store;
        this.aggregate = aggregate;
        this.queries = queries;
        this.user = user;
        this.clock = clock;
        this.sla = sla;
    }

    // --- reads

    @GET
    @Authenticated
    @Operation(operationId = "listActionItems", summary = "List action items, filtered and paged, ordered by due date then id")
    @APIResponse(responseCode = "200", description = "A page: {\"items\":[...],\"total\":N,\"page\":P,\"size\":S}")
    @APIResponse(responseCode = "400", description = "A filter or paging parameter does not parse")
    public Uni<Page<ActionItemView>> list(
            @Parameter(description = "Owning team") @QueryParam("team") String team,
            @Parameter(description = "The person who owns the item (ignoring case); `me` for the caller (the token's name), "
                    + "at most " + MAX_OWNER + " characters", example = "me") @QueryParam("owner") String owner,
            @Parameter(description = "OPEN, IN_PROGRESS, DONE, WONT_DO; repeat or comma-separate for several",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ActionItemStatus.class)) @QueryParam("status") List<String> status,
            @Parameter(description = "true: only overdue items; false: only items that are not overdue") @QueryParam("overdue") String overdue,
            @Parameter(description = "Incident id") @QueryParam("incident") String incident,
            @Parameter(description = "Review id") @QueryParam("review") String review,
            @Parameter(description = "PREVENT, DETECT, MITIGATE, PROCESS or LEARN", schema = @Schema(implementation = ActionItemType.class)) @QueryParam("type") String type,
            @Parameter(description = "Only items due strictly before this date (YYYY-MM-DD)") @QueryParam("dueBefore") String dueBefore,
            @Parameter(description = "REVIEW: only items of review outcomes; AD_HOC: only items created by hand",
                    schema = @Schema(implementation = ActionItemOrigin.class)) @QueryParam("origin") String origin,
            @Parameter(description = "Page number, from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Page size, at most " + PageRequest.MAX_SIZE) @QueryParam("size") Integer size) {
        LocalDate today = today();
        ActionItemFilter filter = new ActionItemFilter(
                team == null || team.isBlank() ? null : team.strip(),
                owner(owner),
                QueryParameters.anyOf("status", ActionItemStatus.class, status),
                QueryParameters.bool("overdue", overdue),
                QueryParameters.uuid("incident", incident),
                QueryParameters.uuid("review", review),
                QueryParameters.oneOf("type", ActionItemType.class, type),
                QueryParameters.date("dueBefore", dueBefore),
                QueryParameters.oneOf("origin", ActionItemOrigin.class, origin),
                today);
        return queries.list(filter, PageRequest.of(page, size)).map(found -> found.map(row -> ActionItemView.of(row, today)));
    }

    /** The owner to filter on: {@code me} is the caller; blank is no filter. */
    private String owner(String owner) {
        if (owner == null || owner.isBlank()) {
            return null;
        }
        if (owner.strip().length() > MAX_OWNER) {
            throw new InvalidCommand("owner", "owner is at most " + MAX_OWNER + " characters");
        }
        return owner.strip().equalsIgnoreCase("me") ? user.name() : owner.strip();
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(operationId = "getActionItem", summary = "One action item; its ETag is its version")
    @APIResponse(responseCode = "404", description = "No such action item")
    @APIResponseSchema(value = ActionItemView.class, responseCode = "200", responseDescription = "ETag is its version")
    public Uni<Response> get(@PathParam("id") String id) {
        UUID itemId = itemId(id);
        return queries.find(itemId).map(row -> {
            if (row == null) {
                throw notFound(itemId);
            }
            return withVersion(ActionItemView.of(row, today()), row.version);
        });
    }

    @GET
    @Path("/{id}/events")
    @Authenticated
    @Operation(operationId = "getActionItemEvents", summary = "The item's full history: every event, oldest first, with who, when it happened and when it was recorded",
            description = "Oldest first (by stream version).")
    @Extension(name = ArrayOrPageDocumentation.MARK, value = "true")
    @APIResponse(responseCode = "200", description = "The item's events, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = HistoryEntry.class)))
    @APIResponse(responseCode = "404", description = "No such action item")
    public Uni<Response> events(@PathParam("id") String id, @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                @Context UriInfo uri) {
        UUID itemId = itemId(id);
        ArrayOrPage asked = ArrayOrPage.of(page, size);
        PageRequest request = asked.request();
        return store.readStream(aggregate.type().streamId(ActionItemAggregate.aggregateId(itemId)), request.offset(), request.size())
                .map(slice -> {
                    if (slice.streamIsEmpty()) {
                        throw notFound(itemId);
                    }
                    return asked.answer(HistoryEntry.page(slice, request), uri);
                });
    }

    // --- commands

    @POST
    @RolesAllowed({Roles.RESPONDER, Roles.REVIEWER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createActionItem", summary = "Create an action item by hand, outside any review outcome, "
            + "for a review or an incident (its latest open review, or the incident alone when it has none); same SLA, "
            + "lifecycle and team rules as a review's items, and no amendment of a review changes or removes it")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ActionItemView.class)),
            description = "The new item (origin AD_HOC, version 1); Location is its URL, ETag its version")
    @APIResponse(responseCode = "400", description = "A missing or too long field, a due date in the past, neither reviewId "
            + "nor incidentId, or a review that is not the named incident's")
    @APIResponse(responseCode = "403", description = "Only a responder, a reviewer or an admin may create one")
    @APIResponse(responseCode = "404", description = "The review or incident is not known to actions-service (it learns of "
            + "incidents from incident-events, and of reviews from review-events)")
    public Uni<Response> create(@NotNull @Valid ActionItemRequests.Create body) {
        UUID itemId = UUID.randomUUID();
        String name = user.name();
        CommandContext context = user.command();
        var type = aggregate.type();
        String aggregateId = ActionItemAggregate.aggregateId(itemId);
        ReviewedItem item = new ReviewedItem(itemId, body.title().strip(), body.type(), body.ownerTeam().strip(),
                body.owner() == null ? null : body.owner().strip(), body.priority(), body.dueDate());
        return store.transact(context, work -> KnownReviews.reference(work.session(), body.reviewId(), body.incidentId())
                        .flatMap(reference -> work.execute(type, aggregateId, ExpectedVersion.NO_STREAM,
                                new ActionItemCommand.CreateAdHoc(reference, item, name, work.occurredAt())))
                        .flatMap(done -> work.session().find(ActionItemRow.class, itemId)))
                .map(row -> Response.created(URI.create("/action-items/" + itemId))
                        .entity(ActionItemView.of(row, today())).tag(Versions.etag(row.version)).build());
    }

    @POST
    @Path("/{id}/start")
    @Authenticated
    @Operation(operationId = "startActionItem", summary = "Start work on an OPEN item")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ActionItemView.class)), description = "The item after the change, with its new ETag")
    @APIResponse(responseCode = "403", description = "Only a member of the owning team, or an admin, may change it")
    @APIResponse(responseCode = "409", description = "Not allowed in the item's current status")
    @APIResponse(responseCode = "412", description = "If-Match names an older version: read the item again")
    public Uni<Response> start(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return change(id, ifMatch, (item, by, at) -> new ActionItemCommand.Start(item.id(), by, at));
    }

    @POST
    @Path("/{id}/complete")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "completeActionItem", summary = "Mark an OPEN or IN_PROGRESS item DONE, saying what was changed")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ActionItemView.class)), description = "The item after the change, with its new ETag")
    @APIResponse(responseCode = "403", description = "Only a member of the owning team, or an admin, may change it")
    @APIResponse(responseCode = "409", description = "Not allowed in the item's current status")
    @APIResponse(responseCode = "412", description = "If-Match names an older version: read the item again")
    public Uni<Response> complete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                  @NotNull @Valid ActionItemRequests.Complete body) {
        return change(id, ifMatch, (item, by, at) ->
                new ActionItemCommand.Complete(item.id(), body.resolutionNote(), body.link(), by, at));
    }

    @POST
    @Path("/{id}/wont-do")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "closeActionItemAsWontDo", summary = "Close an OPEN or IN_PROGRESS item without doing it; a justification is required")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ActionItemView.class)), description = "The item after the change, with its new ETag")
    @APIResponse(responseCode = "403", description = "Only a member of the owning team, or an admin, may change it")
    @APIResponse(responseCode = "409", description = "Not allowed in the item's current status")
    @APIResponse(responseCode = "412", description = "If-Match names an older version: read the item again")
    public Uni<Response> wontDo(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @NotNull @Valid ActionItemRequests.WontDo body) {
        return change(id, ifMatch, (item, by, at) ->
                new ActionItemCommand.CloseAsWontDo(item.id(), body.justification(), by, at));
    }

    @POST
    @Path("/{id}/reopen")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "reopenActionItem", summary = "Reopen a DONE or WONT_DO item, with a reason")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ActionItemView.class)), description = "The item after the change, with its new ETag")
    @APIResponse(responseCode = "403", description = "Only a member of the owning team, or an admin, may change it")
    @APIResponse(responseCode = "409", description = "Not allowed in the item's current status")
    @APIResponse(responseCode = "412", description = "If-Match names an older version: read the item again")
    public Uni<Response> reopen(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @NotNull @Valid ActionItemRequests.Reopen body) {
        return change(id, ifMatch, (item, by, at) -> new ActionItemCommand.Reopen(item.id(), body.reason(), by, at));
    }

    @POST
    @Path("/{id}/reassign")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "reassignActionItem", summary = "Hand an open item to another team and/or person")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ActionItemView.class)), description = "The item after the change, with its new ETag")
    @APIResponse(responseCode = "403", description = "Only a member of the owning team, or an admin, may change it")
    @APIResponse(responseCode = "409", description = "Not allowed in the item's current status")
    @APIResponse(responseCode = "412", description = "If-Match names an older version: read the item again")
    public Uni<Response> reassign(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                  @NotNull @Valid ActionItemRequests.Reassign body) {
        return change(id, ifMatch, (item, by, at) -> new ActionItemCommand.Reassign(item.id(),
                body.team() == null ? item.ownerTeam() : body.team(), body.owner(), body.reason(), by, at));
    }

    @POST
    @Path("/{id}/due-date")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeActionItemDueDate", summary = "Move the due date of an open item; the reason is kept")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ActionItemView.class)), description = "The item after the change, with its new ETag")
    @APIResponse(responseCode = "403", description = "Only a member of the owning team, or an admin, may change it")
    @APIResponse(responseCode = "409", description = "Not allowed in the item's current status")
    @APIResponse(responseCode = "412", description = "If-Match names an older version: read the item again")
    public Uni<Response> changeDueDate(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                       @NotNull @Valid ActionItemRequests.ChangeDueDate body) {
        return change(id, ifMatch, (item, by, at) ->
                new ActionItemCommand.ChangeDueDate(item.id(), body.dueDate(), body.reason(), by, at));
    }

    @POST
    @Path("/{id}/tracker-link")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "linkActionItemTracker", summary = "Link the item to an external tracker (Jira, GitHub, ...)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ActionItemView.class)), description = "The item after the change, with its new ETag")
    @APIResponse(responseCode = "403", description = "Only a member of the owning team, or an admin, may change it")
    @APIResponse(responseCode = "409", description = "Not allowed in the item's current status")
    @APIResponse(responseCode = "412", description = "If-Match names an older version: read the item again")
    public Uni<Response> linkTracker(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                     @NotNull @Valid ActionItemRequests.LinkTracker body) {
        return change(id, ifMatch, (item, by, at) -> new ActionItemCommand.LinkTracker(item.id(), body.url(), by, at));
    }

    /**
     * Loads the item, lets only its team's members (or an admin) go on, decides the command at the
     * transaction's time and answers the item as it is now. Everything happens in one transaction, so the
     * team checked is the team that owns the item when the change is made.
     */
    private Uni<Response> change(String id, String ifMatch, CommandFor command) {
        UUID itemId = itemId(id);
        long expected = Versions.expected(ifMatch);
        // Read from the request-scoped user now, not later on whichever thread completes the database work.
        String name = user.name();
        Set<String> teams = user.teams();
        boolean admin = user.isAdmin();
        CommandContext context = user.command();
        var type = aggregate.type();
        String aggregateId = ActionItemAggregate.aggregateId(itemId);
        return store.transact(context, work -> work.load(type, aggregateId).flatMap(loaded -> {
                    if (!loaded.exists()) {
                        return Uni.createFrom().failure(notFound(itemId));
                    }
                    String team = loaded.state().ownerTeam();
                    if (!admin && !teams.contains(team)) {
                        return Uni.createFrom().failure(new ForbiddenException(
                                name + " is not a member of " + team + ", the team that owns action item " + itemId));
                    }
                    ActionItemCommand decided = command.of(loaded.state(), name, work.occurredAt());
                    return work.execute(type, aggregateId, expected, decided)
                            .flatMap(done -> work.session().find(ActionItemRow.class, itemId));
                }))
                .map(row -> withVersion(ActionItemView.of(row, today()), row.version));
    }

    /** The command for the item as it is now, given by {@code by} at the transaction's time. */
    @FunctionalInterface
    private interface CommandFor {
        ActionItemCommand of(ActionItem item, String by, Instant at);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), sla.zone());
    }

    private static Response withVersion(ActionItemView view, long version) {
        return Response.ok(view).tag(Versions.etag(version)).build();
    }

    /** An id that is not a UUID names no action item: 404, like any unknown id. */
    private static UUID itemId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new StreamNotFound("no action item " + id);
        }
    }

    private static StreamNotFound notFound(UUID id) {
        return new StreamNotFound("no action item " + id);
    }
}
