package dev.incidentlifecycle.web;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;
import java.util.stream.LongStream;

/** A listing of {@code count} numbered entries that answers {@link ArrayOrPage}, as the services' histories do. */
@Path("/numbered")
@Produces(MediaType.APPLICATION_JSON)
public class NumberedResource {

    public record Numbered(long number) {
    }

    @GET
    @Authenticated
    @Operation(operationId = "listNumbered", summary = "Numbered entries")
    @Extension(name = ArrayOrPageDocumentation.MARK, value = "true")
    @APIResponse(responseCode = "200", description = "The entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Numbered.class)))
    public Response list(@QueryParam("count") long count, @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                         @Context UriInfo uri) {
        ArrayOrPage asked = ArrayOrPage.of(page, size);
        PageRequest request = asked.request();
        // What a query with offset and limit reads: only the entries asked for.
        List<Numbered> entries = LongStream.range(Math.min(count, request.offset()), Math.min(count, request.offset() + (long) request.size()))
                .mapToObj(Numbered::new).toList();
        return asked.answer(new Page<>(entries, count, request.page(), request.size()), uri);
    }
}
