package dev.incidentlifecycle.reviews.review.api;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventstore.Decided;
import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.eventstore.StreamNotFound;
import dev.incidentlifecycle.reviews.config.PublicLinks;
import dev.incidentlifecycle.reviews.review.ActionItem;
import dev.incidentlifecycle.reviews.review.ActionItemType;
import dev.incidentlifecycle.reviews.review.DocumentField;
import dev.incidentlifecycle.reviews.review.FactorCategory;
import dev.incidentlifecycle.reviews.review.Priority;
import dev.incidentlifecycle.reviews.review.ReviewCommand;
import dev.incidentlifecycle.reviews.review.ReviewEvent;
import dev.incidentlifecycle.reviews.review.ReviewState;
import dev.incidentlifecycle.reviews.review.ReviewStatus;
import dev.incidentlifecycle.reviews.review.readmodel.ReadModelJson;
import dev.incidentlifecycle.reviews.review.readmodel.RelatedReview;
import dev.incidentlifecycle.reviews.review.readmodel.ReviewFilter;
import dev.incidentlifecycle.reviews.review.readmodel.ReviewQueries;
import dev.incidentlifecycle.reviews.review.store.ReviewAggregate;
import dev.incidentlifecycle.web.CurrentUser;
import dev.incidentlifecycle.web.ArrayOrPage;
import dev.incidentlifecycle.web.ArrayOrPageDocumentation;
import dev.incidentlifecycle.web.HistoryEntry;
import dev.incidentlifecycle.web.Page;
import dev.incidentlifecycle.web.PageRequest;
import dev.incidentlifecycle.web.Roles;
import dev.incidentlifecycle.web.Versions;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Blameless reviews: read by every authenticated person (reviews are meant to be read widely), run by reviewers,
 * written together with responders. Every command takes {@code If-Match} with the ETag last read.
 */
@Path("/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews", description = "Blameless post-incident reviews, from scheduling to publication and follow-up")
public class ReviewResource {

    static final String TEXT_MARKDOWN = "text/markdown";
    private static final MediaType MARKDOWN = MediaType.valueOf(TEXT_MARKDOWN);

    private final ReviewQueries queries;
    private final ReviewCommands commands;
    private final EventStore store;
    private final ReviewAggregate reviews;
    private final CurrentUser user;
    private final PublicLinks links;
    private final Clock clock;

    ReviewResource(ReviewQueries queries, ReviewCommands commands, EventStore store, ReviewAggregate reviews,
                   CurrentUser user, PublicLinks links, Clock clock) {
        this.clock = clock;
        this.queries = queries;
        this.commands = commands;
        this.store = store;
        this.reviews = reviews;
        this.user = user;
        this.links = links;
    }

    // --- reads ---------------------------------------------------------------------------------------------

    @GET
    @Authenticated
    @Operation(operationId = "listReviews", summary = "List reviews, due soonest first",
            description = "Filters combine. `overdue=true` lists reviews whose due date passed while still open; "
                    + "`from`/`to` bound the due date (RFC 3339 instants or dates).")
    public Uni<Page<ReviewSummary>> list(
            @Parameter(description = "NEEDS_FACILITATOR, SCHEDULED, ON_HOLD, IN_REVIEW, PUBLISHED, CANCELLED or DECLINED; repeat or comma-separate",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ReviewStatus.class))
            @QueryParam("status") List<String> status,
            @QueryParam("overdue") Boolean overdue,
            @Parameter(description = "the incident's id or number (INC-42)") @QueryParam("incident") String incident,
            @QueryParam("facilitator") String facilitator,
            @Parameter(description = "due at or after") @QueryParam("from") String from,
            @Parameter(description = "due before") @QueryParam("to") String to,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        UUID incidentId = null;
        String incidentNumber = null;
        if (incident != null && !incident.isBlank()) {
            try {
                incidentId = UUID.fromString(incident.strip());
            } catch (IllegalArgumentException e) {
                incidentNumber = incident.strip();
            }
        }
        ReviewFilter filter = new ReviewFilter(statuses(status), overdue, incidentId, incidentNumber,
                blankToNull(facilitator), TimeParameter.instant(from, "from"), TimeParameter.instant(to, "to"));
        PageRequest request = PageRequest.of(page, size);
        return queries.list(filter, request).map(found -> found.map(ReviewSummary::of));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Produces({MediaType.APPLICATION_JSON, TEXT_MARKDOWN, MediaType.TEXT_HTML})
    @Operation(operationId = "getReview", summary = "A review with its document, the incident's annotated timeline and its language findings",
            description = "JSON by default. With `Accept: text/markdown` (CommonMark) or `text/html` (a standalone, "
                    + "printable page) the review's document: summary, impact, the timeline with its notes, "
                    + "contributing factors, what went well, where we got lucky, open questions, and the action items "
                    + "with their owners and the status actions-service last reported. Everything people wrote is "
                    + "escaped as text; the page runs no script (Content-Security-Policy). `review.published` links here.")
    @APIResponse(responseCode = "200", description = "ETag is its version", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewView.class)),
            @Content(mediaType = TEXT_MARKDOWN, schema = @Schema(type = SchemaType.STRING),
                    example = "# INC-42 review: Checkout errors\n\n**Status:** PUBLISHED  \n..."),
            @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING),
                    example = "<!DOCTYPE html><html lang=\"en\">...</html>")})
    @APIResponse(responseCode = "404", description = "No such review")
    public Uni<Response> get(@PathParam("id") String id, @Context HttpHeaders headers) {
        UUID reviewId = reviewId(id);
        MediaType wanted = representation(headers.getAcceptableMediaTypes());
        if (wanted == null) {
            return respond(reviewId, Response.Status.OK);
        }
        String link = links.review(reviewId).toString();
        return view(reviewId).map(view -> {
            Response.ResponseBuilder response = Response.ok().tag(Versions.etag(view.version()))
                    .header("X-Content-Type-Options", "nosniff");
            if (wanted.equals(MediaType.TEXT_HTML_TYPE)) {
                return response.entity(ReviewHtml.render(view, link)).type("text/html; charset=utf-8")
                        .header("Content-Security-Policy", ReviewHtml.CONTENT_SECURITY_POLICY).build();
            }
            return response.entity(ReviewMarkdown.render(view, link))
                    .type(TEXT_MARKDOWN + "; charset=utf-8; variant=CommonMark").build();
        });
    }

    /** The document's type the caller prefers (text/markdown or text/html), or null for JSON (also for any type). */
    static MediaType representation(List<MediaType> acceptable) {
        for (MediaType type : acceptable) {
            if (type.isWildcardType() || type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return null;
            }
            if (!type.isWildcardSubtype() && type.isCompatible(MARKDOWN)) {
                return MARKDOWN;
            }
            if (!type.isWildcardSubtype() && type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
                return MediaType.TEXT_HTML_TYPE;
            }
        }
        return null;
    }

    @GET
    @Path("/{id}/events")
    @Authenticated
    @Operation(operationId = "getReviewEvents", summary = "The review's raw history: every event with who, when it happened and when it was recorded",
            description = "Oldest first (by stream version).")
    @Extension(name = ArrayOrPageDocumentation.MARK, value = "true")
    @APIResponse(responseCode = "200", description = "The review's events, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = HistoryEntry.class)))
    @APIResponse(responseCode = "404", description = "No such review")
    public Uni<Response> events(@PathParam("id") String id, @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                @Context UriInfo uri) {
        UUID reviewId = reviewId(id);
        ArrayOrPage asked = ArrayOrPage.of(page, size);
        PageRequest request = asked.request();
        return store.readStream(reviews.type().streamId(ReviewAggregate.aggregateId(reviewId)), request.offset(), request.size())
                .map(slice -> {
                    if (slice.streamIsEmpty()) {
                        throw new StreamNotFound("no review " + reviewId);
                    }
                    return asked.answer(HistoryEntry.page(slice, request), uri);
                });
    }

    @GET
    @Path("/{id}/related")
    @Authenticated
    @Operation(operationId = "listRelatedReviews", summary = "Earlier reviews that named the same conditions: same service, a factor of the same category and tag",
            description = "Published reviews of other incidents on the review's service (case-insensitive), published "
                    + "before it (before now while it is unpublished), with a contributing factor of the same category "
                    + "and tag as one of this review's factors; latest first. `completedActionItemIds` are their items "
                    + "reported DONE: the fixes that did not keep the conditions away.")
    @APIResponse(responseCode = "200", description = "One page of related reviews")
    @APIResponse(responseCode = "404", description = "No such review")
    public Uni<Page<RelatedReview>> related(@PathParam("id") String id, @QueryParam("page") Integer page,
                                            @QueryParam("size") Integer size) {
        UUID reviewId = reviewId(id);
        PageRequest request = PageRequest.of(page, size);
        return queries.find(reviewId).flatMap(row -> {
            if (row == null) {
                return Uni.createFrom().failure(new StreamNotFound("no review " + reviewId));
            }
            ReviewState state = ReadModelJson.read(row.state, ReviewState.class);
            return queries.related(row, ReviewQueries.categoryTags(state.document().factorTags()), clock.instant(), request);
        });
    }

    // --- the schedule --------------------------------------------------------------------------------------

    @POST
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(operationId = "requestReview", summary = "Create a review of any incident by hand, whatever the policy says",
            description = "The policy's terms when the incident is resolved and the policy asks for a review; otherwise "
                    + "REQUIRED, due `reviews.policy.by-hand-business-days` after the resolution (or after now). The "
                    + "facilitator named, or the rotation's; with nobody free the review is NEEDS_FACILITATOR. A "
                    + "severity the policy needs no review for never cancels a review asked for by hand.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ReviewView.class)),
            description = "Created; Location names the review, ETag is its version")
    @APIResponse(responseCode = "400", description = "The facilitator named was in the incident")
    @APIResponse(responseCode = "404", description = "review-service has not seen the incident's declaration")
    @APIResponse(responseCode = "409", description = "The incident already has an open or published review, or the facilitator named has no free slot")
    public Uni<Response> request(@Valid @NotNull ReviewRequests.NewReview request) {
        return commands.requestReview(user.command(), request).flatMap(reviewId -> view(reviewId).map(view ->
                Response.created(UriBuilder.fromPath("/reviews/{id}").build(reviewId))
                        .entity(view).tag(Versions.etag(view.version())).build()));
    }

    @POST
    @Path("/{id}/facilitator")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(operationId = "assignReviewFacilitator", summary = "Assign or replace the facilitator, and schedule the meeting in their calendar",
            description = "A review NEEDS_FACILITATOR becomes SCHEDULED. Without `facilitator` the rotation's fairest "
                    + "free one who takes no part in the review (and is not the current one) is picked; without "
                    + "`scheduledStart` their next free slot before the due date. Never someone who takes part in the "
                    + "review (the incident's commander and responders, people added): 400.")
    @APIResponse(responseCode = "400", description = "The facilitator takes part in the review")
    @APIResponse(responseCode = "409", description = "Nobody is free, the slot clashes with another of their meetings, or the review is past scheduling")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200", responseDescription = "The review after the change; ETag is its version")
    public Uni<Response> assignFacilitator(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                           @Valid @NotNull ReviewRequests.Facilitator request) {
        UUID reviewId = reviewId(id);
        return commands.assignFacilitator(reviewId, Versions.expected(ifMatch), user.command(), request)
                .flatMap(decided -> respond(reviewId, Response.Status.OK));
    }

    @POST
    @Path("/{id}/reschedule")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(operationId = "rescheduleReview", summary = "Move the meeting (raises the calendar SEQUENCE)",
            description = "Without scheduledStart the facilitator's next free slot before the due date is taken. "
                    + "A slot that overlaps another meeting of the facilitator is refused (409).")
    @APIResponse(responseCode = "409", description = "The facilitator is booked then, or the review cannot be moved now")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200", responseDescription = "The review after the change; ETag is its version")
    public Uni<Response> reschedule(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                    @Valid @NotNull ReviewRequests.Reschedule request) {
        UUID reviewId = reviewId(id);
        return commands.reschedule(reviewId, Versions.expected(ifMatch), user.command(), request)
                .flatMap(decided -> respond(reviewId, Response.Status.OK));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(operationId = "cancelReview", summary = "Cancel the review, with a reason")
    @APIResponse(responseCode = "409", description = "The review is published or declined")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200", responseDescription = "The review after the change; ETag is its version")
    public Uni<Response> cancel(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @Valid @NotNull ReviewRequests.Reason request) {
        return run(id, ifMatch, (reviewId, actor, at) -> new ReviewCommand.Cancel(reviewId, request.reason(), actor, at));
    }

    @POST
    @Path("/{id}/decline")
    @RolesAllowed({Roles.REVIEWER, Roles.RESPONDER, Roles.ADMIN})
    @Operation(operationId = "declineReview", summary = "Decline a suggested review (SEV3 by default), with a reason")
    @APIResponse(responseCode = "409", description = "The policy requires this review, or it is past scheduling")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200", responseDescription = "The review after the change; ETag is its version")
    public Uni<Response> decline(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                 @Valid @NotNull ReviewRequests.Reason request) {
        return run(id, ifMatch, (reviewId, actor, at) -> new ReviewCommand.Decline(reviewId, request.reason(), actor, at));
    }

    @POST
    @Path("/{id}/start")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(operationId = "startReview", summary = "The meeting began: SCHEDULED to IN_REVIEW")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200", responseDescription = "The review after the change; ETag is its version")
    public Uni<Response> start(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return run(id, ifMatch, (reviewId, actor, at) -> new ReviewCommand.Start(reviewId, actor, at));
    }

    @POST
    @Path("/{id}/participants")
    @RolesAllowed({Roles.REVIEWER, Roles.RESPONDER, Roles.ADMIN})
    @Operation(operationId = "addReviewParticipant", summary = "Add a participant beyond the incident's commander and responders")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200", responseDescription = "The review after the change; ETag is its version")
    public Uni<Response> addParticipant(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                        @Valid @NotNull ReviewRequests.Participant request) {
        return run(id, ifMatch, (reviewId, actor, at) ->
                new ReviewCommand.AddParticipant(reviewId, request.participant(), actor, at));
    }

    // --- the document --------------------------------------------------------------------------------------

    @PATCH
    @Path("/{id}/document")
    @RolesAllowed({Roles.REVIEWER, Roles.RESPONDER, Roles.ADMIN})
    @Operation(operationId = "updateReviewDocument", summary = "Set sections of the document (summary, impact, whatWentWell, whereWeGotLucky, openQuestions)",
            description = "Sections left out stay as they are. After publication, edits wait for an amendment.")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200", responseDescription = "The review after the change; ETag is its version")
    public Uni<Response> updateDocument(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                        @Valid @NotNull ReviewRequests.Document request) {
        Map<DocumentField, String> sections = new EnumMap<>(DocumentField.class);
        put(sections, DocumentField.SUMMARY, request.summary());
        put(sections, DocumentField.IMPACT, request.impact());
        put(sections, DocumentField.WHAT_WENT_WELL, request.whatWentWell());
        put(sections, DocumentField.WHERE_WE_GOT_LUCKY, request.whereWeGotLucky());
        put(sections, DocumentField.OPEN_QUESTIONS, request.openQuestions());
        if (sections.isEmpty()) {
            throw new InvalidCommand("(body)", "give at least one section: summary, impact, whatWentWell, "
                    + "whereWeGotLucky or openQuestions");
        }
        return run(id, ifMatch, (reviewId, actor, at) -> new ReviewCommand.UpdateDocument(reviewId, sections, actor, at));
    }

    @PUT
    @Path("/{id}/timeline/{entryId}/note")
    @RolesAllowed({Roles.REVIEWER, Roles.RESPONDER, Roles.ADMIN})
    @Operation(operationId = "annotateTimelineEntry", summary = "Annotate an entry of the incident's timeline; an empty note removes the annotation")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200", responseDescription = "The review after the change; ETag is its version")
    public Uni<Response> annotate(@PathParam("id") String id, @PathParam("entryId") String entryId,
                                  @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                  @Valid @NotNull ReviewRequests.Note request) {
        return run(id, ifMatch, (reviewId, actor, at) ->
                new ReviewCommand.AnnotateTimeline(reviewId, entryId, request.note(), actor, at));
    }

    @POST
    @Path("/{id}/contributing-factors")
    @RolesAllowed({Roles.REVIEWER, Roles.RESPONDER, Roles.ADMIN})
    @Operation(operationId = "addContributingFactor", summary = "Add a contributing factor (category, description and free tags; there is no root cause)")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ReviewView.class)), description = "Added; Location names the factor")
    public Uni<Response> addFactor(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                   @Valid @NotNull ReviewRequests.Factor request) {
        UUID factorId = request.factorId() != null ? request.factorId() : UUID.randomUUID();
        FactorCategory category = ReviewRequests.parse(FactorCategory.class, request.category(), "category");
        UUID reviewId = reviewId(id);
        return commands.execute(reviewId, Versions.expected(ifMatch), user.command(), (actor, at) ->
                        new ReviewCommand.AddContributingFactor(reviewId, factorId, category, request.description(),
                                request.tags(), actor, at))
                .flatMap(decided -> created(reviewId, "contributing-factors", factorId));
    }

    @DELETE
    @Path("/{id}/contributing-factors/{factorId}")
    @RolesAllowed({Roles.REVIEWER, Roles.RESPONDER, Roles.ADMIN})
    @Operation(operationId = "removeContributingFactor", summary = "Remove a contributing factor")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200", responseDescription = "The review after the change; ETag is its version")
    public Uni<Response> removeFactor(@PathParam("id") String id, @PathParam("factorId") UUID factorId,
                                      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return run(id, ifMatch, (reviewId, actor, at) -> new ReviewCommand.RemoveContributingFactor(reviewId, factorId, actor, at));
    }

    @POST
    @Path("/{id}/action-items")
    @RolesAllowed({Roles.REVIEWER, Roles.RESPONDER, Roles.ADMIN})
    @Operation(operationId = "proposeActionItem", summary = "Propose an action item; its id stays the item's id in actions-service")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ReviewView.class)), description = "Proposed; Location names the item")
    @APIResponse(responseCode = "409", description = "The actionItemId belongs to another review")
    @APIResponse(responseCode = "413", description = "The review's outcome would exceed its size limit")
    public Uni<Response> proposeActionItem(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                           @Valid @NotNull ReviewRequests.ActionItem request) {
        UUID reviewId = reviewId(id);
        ActionItem item = item(request.actionItemId() != null ? request.actionItemId() : UUID.randomUUID(), request);
        return commands.proposeActionItem(reviewId, Versions.expected(ifMatch), user.command(), item)
                .flatMap(decided -> created(reviewId, "action-items", item.actionItemId()));
    }

    @PUT
    @Path("/{id}/action-items/{actionItemId}")
    @RolesAllowed({Roles.REVIEWER, Roles.RESPONDER, Roles.ADMIN})
    @Operation(operationId = "changeProposedActionItem", summary = "Change a proposed action item (all its fields)")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200", responseDescription = "The review after the change; ETag is its version")
    public Uni<Response> changeActionItem(@PathParam("id") String id, @PathParam("actionItemId") UUID actionItemId,
                                          @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                          @Valid @NotNull ReviewRequests.ActionItem request) {
        if (request.actionItemId() != null && !request.actionItemId().equals(actionItemId)) {
            throw new InvalidCommand("actionItemId", "the body names another action item than the path");
        }
        ActionItem item = item(actionItemId, request);
        return run(id, ifMatch, (reviewId, actor, at) -> new ReviewCommand.ChangeActionItem(reviewId, item, actor, at));
    }

    @DELETE
    @Path("/{id}/action-items/{actionItemId}")
    @RolesAllowed({Roles.REVIEWER, Roles.RESPONDER, Roles.ADMIN})
    @Operation(operationId = "withdrawProposedActionItem", summary = "Withdraw a proposed action item")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200", responseDescription = "The review after the change; ETag is its version")
    public Uni<Response> removeActionItem(@PathParam("id") String id, @PathParam("actionItemId") UUID actionItemId,
                                          @QueryParam("reason") String reason,
                                          @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return run(id, ifMatch, (reviewId, actor, at) ->
                new ReviewCommand.RemoveActionItem(reviewId, actionItemId, blankToNull(reason), actor, at));
    }

    // --- findings, publication -----------------------------------------------------------------------------

    @POST
    @Path("/{id}/findings/{findingId}/dismiss")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(operationId = "dismissLanguageFinding", summary = "Dismiss a language finding with a reason (kept in the history)",
            description = "A dismissed finding no longer blocks publication while the text around it is unchanged.")
    @APIResponse(responseCode = "409", description = "No such finding (the text may have changed)")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200", responseDescription = "The review after the change; ETag is its version")
    public Uni<Response> dismiss(@PathParam("id") String id, @PathParam("findingId") String findingId,
                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                 @Valid @NotNull ReviewRequests.Reason request) {
        return run(id, ifMatch, (reviewId, actor, at) ->
                new ReviewCommand.DismissFinding(reviewId, findingId, request.reason(), actor, at));
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(operationId = "publishReview", summary = "Publish the review outcome (review.published on review-events)",
            description = "Refused while a language finding is open or the summary is empty. When earlier published "
                    + "reviews of other incidents on the same service named a factor of the same category and tag "
                    + "(`GET /reviews/{id}/related`), `review.recurrence-found` follows, naming them (at most 20, the "
                    + "latest) and their completed action items.")
    @APIResponse(responseCode = "409", description = "Open language findings, no summary, or not in review")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200", responseDescription = "The review after the change; ETag is its version")
    public Uni<Response> publish(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UUID reviewId = reviewId(id);
        return commands.publish(reviewId, Versions.expected(ifMatch), user.command(), links.review(reviewId).toString())
                .flatMap(decided -> respond(reviewId, Response.Status.OK));
    }

    @POST
    @Path("/{id}/amend")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(operationId = "amendReview", summary = "Publish the edits made since publication as an amendment (review.amended), with a reason")
    @APIResponse(responseCode = "409", description = "Nothing changed, open language findings, or not published")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200", responseDescription = "The review after the change; ETag is its version")
    public Uni<Response> amend(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @Valid @NotNull ReviewRequests.Reason request) {
        return run(id, ifMatch, (reviewId, actor, at) ->
                new ReviewCommand.Amend(reviewId, request.reason(), actor, at, links.review(reviewId).toString()));
    }

    // --- plumbing ------------------------------------------------------------------------------------------

    /** A review command with its review id, as given by the person now. */
    @FunctionalInterface
    interface Command {
        ReviewCommand of(UUID reviewId, String actor, Instant at);
    }

    private Uni<Response> run(String id, String ifMatch, Command command) {
        UUID reviewId = reviewId(id);
        Uni<Decided<ReviewState, ReviewEvent>> decided = commands.execute(reviewId, Versions.expected(ifMatch),
                user.command(), (actor, at) -> command.of(reviewId, actor, at));
        return decided.flatMap(d -> respond(reviewId, Response.Status.OK));
    }

    private Uni<Response> respond(UUID reviewId, Response.Status status) {
        return view(reviewId).map(view -> Response.status(status).entity(view).type(MediaType.APPLICATION_JSON_TYPE)
                .tag(Versions.etag(view.version())).build());
    }

    private Uni<Response> created(UUID reviewId, String collection, UUID itemId) {
        return view(reviewId).map(view -> Response.created(UriBuilder.fromPath("/reviews/{id}/{collection}/{item}")
                        .build(reviewId, collection, itemId))
                .entity(view).tag(Versions.etag(view.version())).build());
    }

    private Uni<ReviewView> view(UUID reviewId) {
        return queries.find(reviewId).flatMap(row -> {
            if (row == null) {
                return Uni.createFrom().failure(new StreamNotFound("no review " + reviewId));
            }
            return queries.timeline(row.incidentId).map(timeline -> ReviewView.of(row, timeline));
        });
    }

    private static ActionItem item(UUID actionItemId, ReviewRequests.ActionItem request) {
        ActionItemType type = ReviewRequests.parse(ActionItemType.class, request.type(), "type");
        Priority priority = request.priority() == null ? Priority.P3
                : ReviewRequests.parse(Priority.class, request.priority(), "priority");
        return new ActionItem(actionItemId, request.title().strip(), type, request.ownerTeam().strip(),
                blankToNull(request.owner()), priority, request.dueDate());
    }

    private static void put(Map<DocumentField, String> sections, DocumentField field, String text) {
        if (text != null) {
            sections.put(field, text);
        }
    }

    static UUID reviewId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new StreamNotFound("no review " + id);
        }
    }

    private static Set<ReviewStatus> statuses(List<String> values) {
        Set<ReviewStatus> statuses = EnumSet.noneOf(ReviewStatus.class);
        if (values != null) {
            for (String value : values) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        statuses.add(ReviewRequests.parse(ReviewStatus.class, part, "status"));
                    }
                }
            }
        }
        return statuses;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
