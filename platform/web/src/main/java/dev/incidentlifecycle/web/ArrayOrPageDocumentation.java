package dev.incidentlifecycle.web;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.math.BigDecimal;
import java.util.List;

/**
 * Documents the operations that answer {@link ArrayOrPage}: each marks itself with the extension {@value #MARK}
 * ({@code @Extension(name = ArrayOrPageDocumentation.MARK, value = "true")}) and documents its 200 answer as the array
 * of its entries. This turns that answer into both of its shapes (the array of at most {@value ArrayOrPage#ARRAY_LIMIT},
 * or the page), adds the {@code Link} header and says what {@code page} and {@code size} do, in the same words on every
 * such operation. The mark itself is removed (the scanner puts it on the operation and on its annotated responses).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ArrayOrPageDocumentation implements OASFilter {

    public static final String MARK = "x-array-or-page";

    /** Added to each such operation's description. */
    static final String BOTH_SHAPES = "Without page and size: the array of the first " + ArrayOrPage.ARRAY_LIMIT
            + " entries, with a Link header (rel=\"next\") to the page after them when there are more; with page or size: "
            + "one page of them ({items, total, page, size}).";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (operation.getExtensions() != null && operation.getExtensions().containsKey(MARK)) {
                operation.removeExtension(MARK);
                document(path, operation);
            }
        }));
    }

    private static void document(String path, Operation operation) {
        APIResponse ok = operation.getResponses() == null ? null : operation.getResponses().getAPIResponse("200");
        MediaType json = ok == null || ok.getContent() == null ? null
                : ok.getContent().getMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON);
        Schema array = json == null ? null : json.getSchema();
        if (array == null || array.getItems() == null || array.getItems().getRef() == null) {
            throw new IllegalStateException(operation.getOperationId() + " is marked " + MARK
                    + " but does not document its 200 answer as an array of a named schema");
        }
        // The scanner puts a method's extensions on its annotated responses too.
        if (ok.getExtensions() != null) {
            ok.removeExtension(MARK);
        }
        Schema entry = array.getItems();
        String example = path.replaceAll("\\{[^}]+}", "3f2c9a4e-1b7d-4c55-9e0a-6d8b2f1c7a90") + "?page=" + ArrayOrPage.NEXT_PAGE
                + "&size=" + PageRequest.MAX_SIZE;
        json.setSchema(bothShapes(entry));
        operation.setDescription(operation.getDescription() == null ? BOTH_SHAPES : operation.getDescription() + " " + BOTH_SHAPES);
        ok.addHeader("Link", OASFactory.createHeader()
                .description("RFC 8288; only on the array form, and only when the listing has more than its "
                        + ArrayOrPage.ARRAY_LIMIT + " entries: `rel=\"next\"` names the page of size " + PageRequest.MAX_SIZE
                        + " that follows them")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .example("<" + example + ">; rel=\"next\""));
        for (Parameter parameter : operation.getParameters() == null ? List.<Parameter>of() : operation.getParameters()) {
            if (parameter.getIn() != Parameter.In.QUERY) {
                continue;
            }
            if ("page".equals(parameter.getName())) {
                parameter.description("the page, from 0; given (or size given), the answer is one page instead of the array")
                        .example(0).getSchema().minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(PageRequest.MAX_PAGE));
            } else if ("size".equals(parameter.getName())) {
                parameter.description("entries per page, default " + PageRequest.DEFAULT_SIZE + ", at most " + PageRequest.MAX_SIZE
                                + " (a larger size is taken as " + PageRequest.MAX_SIZE + "); given (or page given), the answer is one page")
                        .example(PageRequest.DEFAULT_SIZE).getSchema().minimum(BigDecimal.ONE);
            }
        }
    }

    /**
     * The array of at most {@value ArrayOrPage#ARRAY_LIMIT} entries, or the page: one JSON Schema with both types, whose
     * {@code items} apply to the array and whose {@code properties} to the page. Not a {@code oneOf} of the two: the
     * Java client generator contract-check runs cannot compile a {@code oneOf} with an array in it (openapi-generator
     * issues 12911, 17745); given both types it keeps the array, the answer its clients always had.
     */
    private static Schema bothShapes(Schema entry) {
        return OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).addType(Schema.SchemaType.OBJECT)
                .description("Without page and size: the array of the first " + ArrayOrPage.ARRAY_LIMIT + " entries (all of "
                        + "them when there are no more). With page or size: one page, `{items, total, page, size}`, as every "
                        + "listing answers.")
                .items(entry)
                .maxItems(ArrayOrPage.ARRAY_LIMIT)
                .addProperty("items", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(OASFactory.createSchema().ref(entry.getRef()))
                        .description("this page's entries"))
                .addProperty("total", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int64")
                        .description("how many entries the listing has"))
                .addProperty("page", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("size", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .required(List.of("items", "total", "page", "size"));
    }
}
