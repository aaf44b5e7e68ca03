package dev.incidentlifecycle.reviews.search.api;

import dev.incidentlifecycle.reviews.policy.Severity;
import dev.incidentlifecycle.reviews.review.api.TimeParameter;
import dev.incidentlifecycle.reviews.search.SearchFilter;
import dev.incidentlifecycle.reviews.search.SearchHit;
import dev.incidentlifecycle.reviews.search.SearchKind;
import dev.incidentlifecycle.reviews.search.readmodel.SearchQueries;
import dev.incidentlifecycle.web.Page;
import dev.incidentlifecycle.web.PageRequest;
import dev.incidentlifecycle.web.QueryParameters;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Search across reviews and incidents. Everyone authenticated reads every review and incident (reviews are meant to
 * be read widely), so everyone searches them all.
 */
@Path("/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search", description = "Full-text search across reviews and incidents")
public class SearchResource {

    private static final String EXAMPLE = """
            {"items":[{"kind":"INCIDENT","id":"0b9a4d0e-3f5c-4c43-9d8e-2f1c8a6b7e10","incidentId":"0b9a4d0e-3f5c-4c43-9d8e-2f1c8a6b7e10",
            "incidentNumber":"INC-42","title":"Checkout connection pool exhausted","service":"checkout","severity":"SEV2",
            "status":"RESOLVED","occurredAt":"2026-03-02T14:32:00Z","rank":0.6079271,
            "snippet":"Checkout connection <mark>pool</mark> exhausted … raised the <mark>pool</mark> limit &amp; restarted"}],
            "total":1,"page":0,"size":50}""";

    private final SearchQueries queries;

    SearchResource(SearchQueries queries) {
        this.queries = queries;
    }

    @GET
    @Authenticated
    @Operation(operationId = "search", summary = "Search reviews and incidents, best match first",
            description = "PostgreSQL full-text search (English stemming) over reviews — summary, contributing factors, "
                    + "action items, the other sections of the document — and incidents as review-service knows them "
                    + "— title, summary, service, notes (the first 50,000 characters). Title and review summary weigh "
                    + "most. `q` is web-search syntax: words, \"quoted phrases\", `or`, `-excluded`; it never fails to "
                    + "parse, and a query of stop words only finds nothing. Each hit's `snippet` is HTML-safe: the text "
                    + "is escaped (`& < > \" '`) and the only markup is `<mark>`…`</mark>` around each match. Filters "
                    + "combine; the period is the incident's declaration, for reviews too. Every authenticated caller "
                    + "searches every review and incident, as they may read them all.")
    @APIResponse(responseCode = "200", description = "One page of hits, best rank first (then newest incident)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "an incident found by its title", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "`q` missing, longer than " + SearchFilter.MAX_QUERY_LENGTH
            + " characters or with control characters; an unknown kind or severity; a time that does not parse; a "
            + "period that ends before it starts; a bad page or size")
    public Uni<Page<SearchHit>> search(
            @Parameter(description = "the words to search for, at most " + SearchFilter.MAX_QUERY_LENGTH + " characters",
                    required = true, example = "connection pool") @QueryParam("q") String q,
            @Parameter(description = "INCIDENT or REVIEW; repeat or comma-separate; default both",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = SearchKind.class))
            @QueryParam("kind") List<String> kind,
            @Parameter(description = "only this service (case-insensitive), at most " + SearchFilter.MAX_SERVICE_LENGTH
                    + " characters", example = "checkout") @QueryParam("service") String service,
            @Parameter(description = "SEV1, SEV2, SEV3 or SEV4; repeat or comma-separate",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Severity.class))
            @QueryParam("severity") List<String> severity,
            @Parameter(description = "incidents declared at or after: RFC 3339 instant or date", example = "2026-01-01")
            @QueryParam("from") String from,
            @Parameter(description = "incidents declared before: RFC 3339 instant or date", example = "2026-04-01")
            @QueryParam("to") String to,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        SearchFilter filter = new SearchFilter(q, QueryParameters.anyOf("kind", SearchKind.class, kind),
                QueryParameters.text(service), QueryParameters.anyOf("severity", Severity.class, severity),
                TimeParameter.instant(from, "from"), TimeParameter.instant(to, "to"));
        return queries.search(filter, PageRequest.of(page, size));
    }
}
