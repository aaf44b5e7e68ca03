package dev.incidentlifecycle.incidents.incident.api;

import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.Decided;
import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.StreamNotFound;
import dev.incidentlifecycle.incidents.alert.readmodel.AlertRow;
import dev.incidentlifecycle.incidents.alert.readmodel.AlertView;
import dev.incidentlifecycle.incidents.change.ChangeView;
import dev.incidentlifecycle.incidents.change.Changes;
import dev.incidentlifecycle.incidents.eventlog.Streams;
import dev.incidentlifecycle.incidents.incident.Incident;
import dev.incidentlifecycle.incidents.incident.IncidentCommand;
import dev.incidentlifecycle.incidents.incident.IncidentEvent;
import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import dev.incidentlifecycle.incidents.incident.IncidentState;
import dev.incidentlifecycle.incidents.incident.IncidentStatus;
import dev.incidentlifecycle.incidents.incident.ClosingCause;
import dev.incidentlifecycle.incidents.incident.api.IncidentRequests.Closing;
import dev.incidentlifecycle.incidents.incident.api.IncidentRequests.Correction;
import dev.incidentlifecycle.incidents.incident.api.IncidentRequests.Detachment;
import dev.incidentlifecycle.incidents.incident.api.IncidentRequests.Merging;
import dev.incidentlifecycle.incidents.incident.correction.IncidentCorrections;
import dev.incidentlifecycle.incidents.incident.api.IncidentRequests.Declaration;
import dev.incidentlifecycle.incidents.incident.api.IncidentRequests.Impact;
import dev.incidentlifecycle.incidents.incident.api.IncidentRequests.Link;
import dev.incidentlifecycle.incidents.incident.api.IncidentRequests.Milestone;
import dev.incidentlifecycle.incidents.incident.api.IncidentRequests.Note;
import dev.incidentlifecycle.incidents.incident.api.IncidentRequests.Reopening;
import dev.incidentlifecycle.incidents.incident.api.IncidentRequests.Resolution;
import dev.incidentlifecycle.incidents.incident.api.IncidentRequests.Responder;
import dev.incidentlifecycle.incidents.incident.api.IncidentRequests.RoleAssignment;
import dev.incidentlifecycle.incidents.incident.api.IncidentRequests.SeverityChange;
import dev.incidentlifecycle.incidents.incident.readmodel.IncidentLookup;
import dev.incidentlifecycle.incidents.incident.readmodel.IncidentRow;
import dev.incidentlifecycle.incidents.review.IncidentReviews;
import dev.incidentlifecycle.web.ArrayOrPage;
import dev.incidentlifecycle.web.ArrayOrPageDocumentation;
import dev.incidentlifecycle.web.CurrentUser;
import dev.incidentlifecycle.web.HistoryEntry;
import dev.incidentlifecycle.web.Page;
import dev.incidentlifecycle.web.PageRequest;
import dev.incidentlifecycle.web.QueryParameters;
import dev.incidentlifecycle.web.Roles;
import dev.incidentlifecycle.web.Versions;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Incidents over HTTP. Commands (role {@code responder} or {@code admin}) answer the incident after the change
 * with its version as {@code ETag}; sent with {@code If-Match}, a stale version is refused with 412. Illegal
 * transitions are 409, malformed commands 400. Queries need only a valid token. {@code {id}} is the incident's
 * UUID or its number ({@code INC-42}).
 */
@Path("/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class IncidentResource {

    private static final String IF_MATCH = "If-Match";

    private final EventStore store;
    private final Mutiny.SessionFactory sessions;
    private final CurrentUser user;
    private final IncidentReviews reviews;
    private final IncidentCorrections corrections;
    private final Changes changes;

    IncidentResource(EventStore store, Mutiny.SessionFactory sessions, CurrentUser user, IncidentReviews reviews,
                     IncidentCorrections corrections, Changes changes) {
        this.changes = changes;
        this.store = store;
        this.sessions = sessions;
        this.user = user;
        this.reviews = reviews;
        this.corrections = corrections;
    }

    // --- commands

    @POST
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "declareIncident", summary = "Declare an incident by hand")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = IncidentView.class)), description = "Declared; Location names it, ETag is its version")
    public Uni<Response> declare(@Valid @NotNull Declaration body, @Context UriInfo uri) {
        UUID id = UUID.randomUUID();
        return store.transact(context(body.occurredAt()), work -> work.nextValue("incident_number")
                        .flatMap(number -> work.execute(Streams.INCIDENT, id.toString(), ExpectedVersion.NO_STREAM,
                                new IncidentCommand.Declare(id, Incident.number(number), body.title(), body.severity(),
                                        body.service(), body.commander(), body.detectedAt(), null,
                                        work.context().actor(), body.occurredAt(), work.recordedAt()))))
                .map(decided -> Response.created(uri.getBaseUriBuilder().path("incidents").path(id.toString()).build())
                        .tag(Versions.etag(decided.version()))
                        .entity(IncidentView.of(decided.state(), decided.version()))
                        .build());
    }

    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "acknowledgeIncident", summary = "Acknowledge the incident (once)")
    @APIResponse(responseCode = "409", description = "Already acknowledged, or not open")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    @APIResponseSchema(value = IncidentView.class, responseCode = "200", responseDescription = "The incident after the change; ETag is its version")
    public Uni<Response> acknowledge(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch, @Valid Milestone body) {
        Instant at = body == null ? null : body.occurredAt();
        return change(id, ifMatch, at, (actor, recordedAt) -> new IncidentCommand.Acknowledge(actor, at, recordedAt));
    }

    @POST
    @Path("/{id}/mitigate")
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "mitigateIncident", summary = "Mark the incident as mitigated: it no longer hurts, the cause may remain")
    @APIResponse(responseCode = "409", description = "Not INVESTIGATING")
    @APIResponseSchema(value = IncidentView.class, responseCode = "200", responseDescription = "The incident after the change; ETag is its version")
    public Uni<Response> mitigate(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch, @Valid Milestone body) {
        Instant at = body == null ? null : body.occurredAt();
        return change(id, ifMatch, at, (actor, recordedAt) -> new IncidentCommand.Mitigate(actor, at, recordedAt));
    }

    @POST
    @Path("/{id}/resolve")
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "resolveIncident", summary = "Resolve the incident")
    @APIResponse(responseCode = "409", description = "Not INVESTIGATING or MITIGATED")
    @APIResponseSchema(value = IncidentView.class, responseCode = "200", responseDescription = "The incident after the change; ETag is its version")
    public Uni<Response> resolve(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch, @Valid Resolution body) {
        Instant at = body == null ? null : body.occurredAt();
        String reason = body == null ? null : body.reason();
        return change(id, ifMatch, at, (actor, recordedAt) -> new IncidentCommand.Resolve(reason, actor, at, recordedAt));
    }

    @POST
    @Path("/{id}/reopen")
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "reopenIncident", summary = "Reopen a resolved incident, with a reason")
    @APIResponse(responseCode = "409", description = "Not RESOLVED")
    @APIResponseSchema(value = IncidentView.class, responseCode = "200", responseDescription = "The incident after the change; ETag is its version")
    public Uni<Response> reopen(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch,
                                @Valid @NotNull Reopening body) {
        return change(id, ifMatch, body.occurredAt(),
                (actor, recordedAt) -> new IncidentCommand.Reopen(body.reason(), actor, body.occurredAt(), recordedAt));
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "closeIncident", summary = "Close a resolved incident by hand, with a reason; closing is final (it is never reopened)",
            description = "Incidents also close by themselves: when their review's follow-up completes, when their review is "
                    + "declined or cancelled, or when their severity needs no review (see incidents.closing.*). While a "
                    + "REQUIRED review is still open only an admin may close; incident.closed says why (cause BY_HAND).")
    @APIResponse(responseCode = "409", description = "Not RESOLVED, or a required review is still open and the caller is not an admin")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    @APIResponseSchema(value = IncidentView.class, responseCode = "200", responseDescription = "The incident after the change; ETag is its version")
    public Uni<Response> close(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch, @Valid @NotNull Closing body) {
        long expected = Versions.expected(ifMatch);
        boolean admin = user.isAdmin();
        return store.transact(context(body.occurredAt()), work -> IncidentLookup.idOf(work.session(), id)
                        .flatMap(incidentId -> reviews.openRequiredReview(work.session(), incidentId)
                                .flatMap(openReview -> work.execute(Streams.INCIDENT, incidentId.toString(), expected,
                                        new IncidentCommand.Close(body.reason(), null, ClosingCause.BY_HAND, openReview, admin,
                                                work.context().actor(), body.occurredAt(), work.recordedAt())))))
                .map(this::changed);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "correctIncident", summary = "Correct the title, summary or service; only the fields given change",
            description = "A JSON merge patch of title, summary and service: a field left out stays as it is, an empty summary "
                    + "or service clears it. Recorded as incident.edited (who, when, which fields). A change of service "
                    + "also changes which alerts the incident groups from then on.")
    @APIResponse(responseCode = "409", description = "Closed or merged")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    @APIResponseSchema(value = IncidentView.class, responseCode = "200", responseDescription = "The incident after the change; ETag is its version")
    public Uni<Response> correct(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch, @Valid @NotNull Correction body) {
        return change(id, ifMatch, body.occurredAt(), (actor, recordedAt) ->
                new IncidentCommand.Edit(body.title(), body.summary(), body.service(), actor, body.occurredAt(), recordedAt));
    }

    @POST
    @Path("/{id}/alerts/{alertId}/detach")
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "detachIncidentAlert", summary = "Detach an alert attached by mistake (optional reason); the alert stays, unattached")
    @APIResponse(responseCode = "404", description = "No such incident or alert")
    @APIResponse(responseCode = "409", description = "The alert is not attached to this incident, or the incident is closed or merged")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    @APIResponseSchema(value = IncidentView.class, responseCode = "200", responseDescription = "The incident after the change; ETag is its version")
    public Uni<Response> detachAlert(@PathParam("id") String id, @PathParam("alertId") UUID alertId,
                                     @HeaderParam(IF_MATCH) String ifMatch, @Valid Detachment body) {
        long expected = Versions.expected(ifMatch);
        Instant at = body == null ? null : body.occurredAt();
        String reason = body == null ? null : body.reason();
        return store.transact(context(at), work -> IncidentLookup.idOf(work.session(), id)
                        .flatMap(incidentId -> corrections.detach(work, incidentId, alertId, reason, expected, at)))
                .map(this::changed);
    }

    @POST
    @Path("/{id}/merge")
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "mergeIncident", summary = "Merge this incident into another one (by id or number), with a reason",
            description = "Its alerts move to the surviving incident, both timelines say so (incident.merged, incident.merged-from), "
                    + "and it ends MERGED with mergedInto naming the survivor. review-service schedules no review for a merged "
                    + "incident and cancels one it had scheduled. If-Match applies to this (the merged) incident.")
    @APIResponse(responseCode = "400", description = "Merged into itself, or a field is missing")
    @APIResponse(responseCode = "404", description = "No such incident, or no incident 'into'")
    @APIResponse(responseCode = "409", description = "Either incident is closed or merged")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    @APIResponseSchema(value = IncidentView.class, responseCode = "200", responseDescription = "The merged incident after the change; ETag is its version")
    public Uni<Response> merge(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch, @Valid @NotNull Merging body) {
        long expected = Versions.expected(ifMatch);
        return store.transact(context(body.occurredAt()), work -> IncidentLookup.idOf(work.session(), id)
                        .flatMap(incidentId -> corrections.merge(work, incidentId, body.into(), body.reason(), expected,
                                body.occurredAt())))
                .map(this::changed);
    }

    @POST
    @Path("/{id}/severity")
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeIncidentSeverity", summary = "Change the severity, with a reason")
    @APIResponse(responseCode = "409", description = "Already that severity, or closed")
    @APIResponseSchema(value = IncidentView.class, responseCode = "200", responseDescription = "The incident after the change; ETag is its version")
    public Uni<Response> changeSeverity(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch,
                                        @Valid @NotNull SeverityChange body) {
        return change(id, ifMatch, body.occurredAt(), (actor, recordedAt) ->
                new IncidentCommand.ChangeSeverity(body.severity(), body.reason(), actor, body.occurredAt(), recordedAt));
    }

    @POST
    @Path("/{id}/roles")
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "assignIncidentRole", summary = "Give a role (COMMANDER, COMMUNICATIONS_LEAD, SCRIBE) to a person")
    @APIResponseSchema(value = IncidentView.class, responseCode = "200", responseDescription = "The incident after the change; ETag is its version")
    public Uni<Response> assignRole(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch,
                                    @Valid @NotNull RoleAssignment body) {
        return change(id, ifMatch, body.occurredAt(), (actor, recordedAt) ->
                new IncidentCommand.AssignRole(body.role(), body.person(), actor, body.occurredAt(), recordedAt));
    }

    @POST
    @Path("/{id}/responders")
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addIncidentResponder", summary = "Join as a responder, or add someone (person); joining twice changes nothing")
    @APIResponseSchema(value = IncidentView.class, responseCode = "200", responseDescription = "The incident after the change; ETag is its version")
    public Uni<Response> joinAsResponder(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch,
                                         @Valid Responder body) {
        Instant at = body == null ? null : body.occurredAt();
        String person = body == null || body.person() == null || body.person().isBlank() ? user.name() : body.person();
        return change(id, ifMatch, at, (actor, recordedAt) -> new IncidentCommand.JoinAsResponder(person, actor, at, recordedAt));
    }

    @POST
    @Path("/{id}/notes")
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addIncidentNote", summary = "Add a note; occurredAt may back-date it, even to before the declaration")
    @APIResponseSchema(value = IncidentView.class, responseCode = "200", responseDescription = "The incident after the change; ETag is its version")
    public Uni<Response> addNote(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch, @Valid @NotNull Note body) {
        UUID noteId = UUID.randomUUID();
        return change(id, ifMatch, body.occurredAt(), (actor, recordedAt) ->
                new IncidentCommand.AddNote(noteId, body.text(), actor, body.occurredAt(), recordedAt));
    }

    @POST
    @Path("/{id}/impact")
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setIncidentImpact", summary = "Set or replace the customer-impact statement")
    @APIResponseSchema(value = IncidentView.class, responseCode = "200", responseDescription = "The incident after the change; ETag is its version")
    public Uni<Response> updateImpact(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch,
                                      @Valid @NotNull Impact body) {
        return change(id, ifMatch, body.occurredAt(), (actor, recordedAt) ->
                new IncidentCommand.UpdateImpact(body.statement(), actor, body.occurredAt(), recordedAt));
    }

    @POST
    @Path("/{id}/links")
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addIncidentLink", summary = "Add a link (dashboard, chat channel, status page); an http(s) URL")
    @APIResponseSchema(value = IncidentView.class, responseCode = "200", responseDescription = "The incident after the change; ETag is its version")
    public Uni<Response> addLink(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch, @Valid @NotNull Link body) {
        return change(id, ifMatch, body.occurredAt(), (actor, recordedAt) ->
                new IncidentCommand.AddLink(body.url(), body.title(), actor, body.occurredAt(), recordedAt));
    }

    // --- queries

    @GET
    @Authenticated
    @Operation(operationId = "listIncidents", summary = "Incidents, newest declaration first (then by id); filters combine")
    public Uni<Page<IncidentView>> list(
            @Parameter(description = "INVESTIGATING, MITIGATED, RESOLVED, CLOSED or MERGED", schema = @Schema(implementation = IncidentStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "SEV1 to SEV4", schema = @Schema(implementation = IncidentSeverity.class)) @QueryParam("severity") String severity,
            @QueryParam("service") String service,
            @Parameter(description = "declared at or after (RFC 3339)") @QueryParam("from") String from,
            @Parameter(description = "declared before (RFC 3339)") @QueryParam("to") String to,
            @QueryParam("page") Integer page,
            @Parameter(description = "at most " + PageRequest.MAX_SIZE) @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        IncidentStatus byStatus = QueryParameters.oneOf("status", IncidentStatus.class, status);
        if (byStatus != null) {
            where.append(" and status = :status");
            parameters.put("status", byStatus.name());
        }
        IncidentSeverity bySeverity = QueryParameters.oneOf("severity", IncidentSeverity.class, severity);
        if (bySeverity != null) {
            where.append(" and severity = :severity");
            parameters.put("severity", bySeverity.name());
        }
        String byService = QueryParameters.text(service);
        if (byService != null) {
            where.append(" and service = :service");
            parameters.put("service", byService);
        }
        Instant fromTime = QueryParameters.instant("from", from);
        if (fromTime != null) {
            where.append(" and declaredAt >= :from");
            parameters.put("from", fromTime);
        }
        Instant toTime = QueryParameters.instant("to", to);
        if (toTime != null) {
            where.append(" and declaredAt < :to");
            parameters.put("to", toTime);
        }
        return sessions.withSession(session -> request.read(session, IncidentRow.class, "from IncidentRow" + where,
                        "declaredAt desc, id desc", parameters))
                .map(found -> found.map(row -> IncidentView.of(row.incident(), row.version)));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(operationId = "getIncident", summary = "One incident; with asOf, as this service had recorded it at that time")
    @APIResponse(responseCode = "404", description = "No such incident (or none declared yet at asOf)")
    @APIResponseSchema(value = IncidentView.class, responseCode = "200", responseDescription = "ETag is its version")
    public Uni<Response> get(@PathParam("id") String id,
                             @Parameter(description = "RFC 3339: the state from the events recorded by then")
                             @QueryParam("asOf") String asOf) {
        Instant when = QueryParameters.instant("asOf", asOf);
        if (when == null) {
            return sessions.withSession(session -> IncidentLookup.find(session, id))
                    .map(row -> found(row.incident(), row.version));
        }
        return sessions.withSession(session -> IncidentLookup.idOf(session, id))
                .flatMap(incidentId -> store.loadAsOf(Streams.INCIDENT, incidentId.toString(), when))
                .map(loaded -> {
                    if (!loaded.exists()) {
                        throw new StreamNotFound("incident " + id + " had not been declared yet at " + when);
                    }
                    return found(loaded.state(), loaded.version());
                });
    }

    @GET
    @Path("/{id}/timeline")
    @Authenticated
    @Operation(operationId = "getIncidentTimeline", summary = "What happened, by whom, when it happened and when it was recorded; in order of occurrence",
            description = "With the incident's events, the changes made to its services from the look-back before its declaration "
                    + "until it resolved (at most the newest " + Changes.ON_TIMELINE + "; all of them: GET /incidents/{id}/changes), "
                    + "marked context: true.")
    @Extension(name = ArrayOrPageDocumentation.MARK, value = "true")
    @APIResponse(responseCode = "200", description = "The timeline's entries, in order of occurrence",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = TimelineView.class)))
    public Uni<Response> timeline(@PathParam("id") String id, @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                  @Context UriInfo uri) {
        ArrayOrPage asked = ArrayOrPage.of(page, size);
        return sessions.withSession(session -> IncidentLookup.find(session, id)
                        .flatMap(incident -> changes.onTimelineOf(session, incident)
                                .flatMap(context -> IncidentTimeline.page(session, incident, context, asked.request()))))
                .map(entries -> asked.answer(entries, uri));
    }

    @GET
    @Path("/{id}/changes")
    @Authenticated
    @Operation(operationId = "listIncidentChanges", summary = "Changes made to the incident's services around it, newest first",
            description = "The incident's services are its own and those of its alerts; the period runs from "
                    + "incidents.changes.look-back (default PT2H) before its declaration until it resolved, or until now while it has not. "
                    + "An unknown incident is a 404.")
    public Uni<Page<ChangeView>> changes(@PathParam("id") String id, @QueryParam("page") Integer page,
                                         @Parameter(description = "at most " + PageRequest.MAX_SIZE) @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return sessions.withSession(session -> IncidentLookup.find(session, id)
                .flatMap(incident -> changes.ofIncident(session, incident, request)));
    }

    @GET
    @Path("/{id}/alerts")
    @Authenticated
    @Operation(operationId = "listIncidentAlerts", summary = "The alerts attached to the incident, oldest first")
    @Extension(name = ArrayOrPageDocumentation.MARK, value = "true")
    @APIResponse(responseCode = "200", description = "The incident's alerts, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = AlertView.class)))
    public Uni<Response> alerts(@PathParam("id") String id, @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                @Context UriInfo uri) {
        ArrayOrPage asked = ArrayOrPage.of(page, size);
        return sessions.withSession(session -> IncidentLookup.idOf(session, id)
                        .flatMap(incidentId -> asked.request().read(session, AlertRow.class, "from AlertRow where incidentId = :incident",
                                "triggeredAt, version, alertId", Map.of("incident", incidentId))))
                .map(alerts -> asked.answer(alerts.map(AlertView::of), uri));
    }

    @GET
    @Path("/{id}/events")
    @Authenticated
    @Operation(operationId = "getIncidentEvents", summary = "The raw history: every event of the incident as stored, with its metadata",
            description = "Oldest first (by stream version).")
    @Extension(name = ArrayOrPageDocumentation.MARK, value = "true")
    @APIResponse(responseCode = "200", description = "The incident's events, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = HistoryEntry.class)))
    public Uni<Response> events(@PathParam("id") String id, @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                @Context UriInfo uri) {
        ArrayOrPage asked = ArrayOrPage.of(page, size);
        PageRequest request = asked.request();
        return sessions.withSession(session -> IncidentLookup.idOf(session, id))
                .flatMap(incidentId -> store.readStream(Streams.INCIDENT.streamId(incidentId.toString()), request.offset(), request.size()))
                .map(slice -> asked.answer(HistoryEntry.page(slice, request), uri));
    }

    // --- shared

    /**
     * Decides a command against the incident named by {@code idOrNumber}, in one transaction with the lookup.
     * The command is built inside it, from the actor and the transaction's recorded time.
     */
    private Uni<Response> change(String idOrNumber, String ifMatch, Instant occurredAt,
                                 BiFunction<String, Instant, IncidentCommand> command) {
        long expected = Versions.expected(ifMatch);
        return store.transact(context(occurredAt), work -> IncidentLookup.idOf(work.session(), idOrNumber)
                        .flatMap(id -> work.execute(Streams.INCIDENT, id.toString(), expected,
                                command.apply(work.context().actor(), work.recordedAt()))))
                .map(this::changed);
    }

    private CommandContext context(Instant occurredAt) {
        CommandContext context = user.command();
        return occurredAt == null ? context : context.occurredAt(occurredAt);
    }

    private Response changed(Decided<IncidentState, IncidentEvent> decided) {
        return found(decided.state(), decided.version());
    }

    private static Response found(IncidentState incident, long version) {
        return Response.ok(IncidentView.of(incident, version)).tag(Versions.etag(version)).build();
    }
}
