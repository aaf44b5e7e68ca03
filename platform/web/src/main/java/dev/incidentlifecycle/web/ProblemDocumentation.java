package dev.incidentlifecycle.web;

import dev.incidentlifecycle.web.idempotency.IdempotencyKeys;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Documents, on every operation, the RFC 9457 errors {@link ProblemResponses} can answer there, all with one
 * shared {@code Problem} schema, so that a generated client knows the error shape of each call. Which errors
 * apply follows from the operation itself: a token (401), roles (403), a path id (404), query or header parameters
 * or a body (400), a body (413), {@code If-Match} (409, 412). A description an operation gives for a code is kept.
 *
 * <p>Operations without a security requirement are the ingestion endpoints: they answer in their senders'
 * own protocols (PagerDuty's error shape), so they are left as they document themselves.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemDocumentation implements OASFilter {

    static final String PROBLEM = "Problem";

    /** The descriptions Quarkus gives the responses it adds by itself: ours say more. */
    private static final Set<String> GENERIC = Set.of("Not Authorized", "Not Allowed", "Bad Request", "Not Found", "Conflict");

    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put("400", "Invalid request: malformed JSON, a wrong value or a missing field; `errors` names each field");
        DESCRIPTIONS.put("401", "No valid bearer token");
        DESCRIPTIONS.put("403", "The token's roles or teams do not allow this");
        DESCRIPTIONS.put("404", "No such resource");
        DESCRIPTIONS.put("409", "Not allowed in the current state, or a concurrent change: read again and retry");
        DESCRIPTIONS.put("412", "If-Match names an older version: read the resource again and retry");
        DESCRIPTIONS.put("413", "The body is larger than the limit (1 MiB)");
        DESCRIPTIONS.put("422", "The Idempotency-Key was already used with another request");
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(PROBLEM, problemSchema());
        openAPI.getComponents().addParameter("IdempotencyKey", idempotencyKey());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            item.getOperations().forEach((method, operation) -> {
                if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
                    document(operation);
                    if (method == PathItem.HttpMethod.POST) {
                        takesIdempotencyKey(operation);
                    }
                }
            });
        }
    }

    /**
     * Every authenticated POST takes an Idempotency-Key ({@code web.idempotency.IdempotencyKeys}). The header is
     * described once, as a reusable parameter that the operations mention, not as a parameter of each operation:
     * that would add an argument to every generated client's command methods, which is not backward compatible for
     * their callers. Clients send it as a default header (every generator's clients can).
     */
    private static void takesIdempotencyKey(Operation operation) {
        String mention = "Takes an optional `Idempotency-Key` header (see components.parameters.IdempotencyKey).";
        operation.setDescription(operation.getDescription() == null ? mention : operation.getDescription() + "\n\n" + mention);
        ensure(operation.getResponses(), "422");
    }

    private static Parameter idempotencyKey() {
        return OASFactory.createParameter().name(IdempotencyKeys.HEADER).in(Parameter.In.HEADER).required(false)
                .description("Any unique value (1-" + IdempotencyKeys.MAX_LENGTH + " visible ASCII characters, e.g. a UUID), on "
                        + "any authenticated POST: a retry with the same key and body gets the first answer again (marked "
                        + "`Idempotent-Replayed: true`) and has no second effect; the same key with another body is a 422. "
                        + "Keys are kept 24 h and belong to the token's subject.")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(IdempotencyKeys.MAX_LENGTH))
                .example("8e03978e-40d5-43e8-bc93-6894a57f9324");
    }

    private static void document(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean body = operation.getRequestBody() != null;
        boolean input = body || parameters.stream().anyMatch(p -> p.getIn() != Parameter.In.PATH);
        boolean names = parameters.stream().anyMatch(ProblemDocumentation::namesResource);
        boolean ifMatch = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(p.getName()));
        if (input) {
            ensure(responses, "400");
        }
        ensure(responses, "401");
        if (needsRole(operation)) {
            ensure(responses, "403");
        } else if (responses.getAPIResponse("403") != null && GENERIC.contains(responses.getAPIResponse("403").getDescription())) {
            // Quarkus adds 403 to every secured operation; reads open to any valid token never answer it.
            responses.removeAPIResponse("403");
        }
        if (names) {
            ensure(responses, "404");
        }
        if (ifMatch) {
            ensure(responses, "409");
            ensure(responses, "412");
        }
        if (body) {
            ensure(responses, "413");
        }
        // Codes an operation names by itself (e.g. 409 without If-Match, 403 for team scoping) get the problem body too.
        responses.getAPIResponses().keySet().stream().filter(code -> code.startsWith("4")).toList()
                .forEach(code -> ensure(responses, code));
    }

    /** A path parameter that names one resource ({id}, {alertId}, {name}): unknown, it is a 404. */
    private static boolean namesResource(Parameter parameter) {
        String name = parameter.getName();
        return parameter.getIn() == Parameter.In.PATH && (name.equals("id") || name.endsWith("Id") || name.equals("name"));
    }

    /** Roles in the security requirement (a scope list); a plain valid token shows as an empty list. */
    private static boolean needsRole(Operation operation) {
        return operation.getSecurity().stream()
                .anyMatch(requirement -> requirement.getSchemes().values().stream().anyMatch(scopes -> scopes != null && !scopes.isEmpty()));
    }

    /**
     * Gives the code a problem body, keeping the operation's own description. A new response each time: Quarkus
     * shares one response object between the operations it adds 401 and 403 to.
     */
    private static void ensure(APIResponses responses, String code) {
        APIResponse existing = responses.getAPIResponse(code);
        if (existing != null && existing.getContent() != null) {
            return;
        }
        String description = existing == null || existing.getDescription() == null || GENERIC.contains(existing.getDescription())
                ? DESCRIPTIONS.getOrDefault(code, "See the problem's detail") : existing.getDescription();
        responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(problemContent()));
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM)));
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("the offending field, as a path into the body (`items[2].title`) or a parameter name"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("what is wrong with it"))
                .addRequired("field").addRequired("message");
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem detail (application/problem+json); never carries a stack trace")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference")
                        .description("always `about:blank`: the status says what kind of problem it is"))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("what went wrong with this request, for a person"))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("the path of the request"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError)
                        .description("for invalid requests: each offending field"))
                .addRequired("type").addRequired("title").addRequired("status")
                .addExample(Map.of("type", "about:blank", "title", "Invalid request", "status", 400,
                        "detail", "title must not be blank", "instance", "/incidents",
                        "errors", List.of(Map.of("field", "title", "message", "must not be blank"))));
    }
}
