package dev.incidentlifecycle.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventsourcing.RuleViolation;
import dev.incidentlifecycle.eventstore.ConcurrencyConflict;
import dev.incidentlifecycle.eventstore.StreamNotFound;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Turns every failure of a request into a precise RFC 9457 problem. */
public class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

    @ServerExceptionMapper
    public Response invalidCommand(InvalidCommand e, UriInfo uri) {
        List<Problem.FieldError> errors = e.field() == null ? null : List.of(new Problem.FieldError(e.field(), e.getMessage()));
        return problem(400, "Invalid request", e.getMessage(), uri, errors);
    }

    @ServerExceptionMapper
    public Response ruleViolation(RuleViolation e, UriInfo uri) {
        return problem(409, "Not allowed in the current state", e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response concurrencyConflict(ConcurrencyConflict e, UriInfo uri) {
        if (e.retryable()) {
            return problem(409, "Concurrent change", "the resource kept changing while this request was decided; try again", uri, null);
        }
        return problem(412, "Precondition failed",
                "If-Match names version " + e.expectedVersion() + " but the resource is at version " + e.actualVersion()
                        + "; read it again and retry", uri, null);
    }

    @ServerExceptionMapper
    public Response notFound(StreamNotFound e, UriInfo uri) {
        return problem(404, "Not found", e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return problem(400, "Invalid request", detail, uri, errors);
    }

    // Quarkus REST picks the mapper of the most specific exception type, and ships its own for some
    // Jackson exceptions: each of those types gets an explicit mapper here.
    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return problem(400, "Invalid request", "unknown field '" + field + "'", uri,
                    List.of(new Problem.FieldError(field, "is not a known field")));
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            JsonMappingException mapping = (JsonMappingException) e;
            String field = path(mapping);
            Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
            String expected = describe(target);
            return problem(400, "Invalid request", "field '" + field + "' has the wrong type or value; expected " + expected, uri,
                    List.of(new Problem.FieldError(field, "expected " + expected)));
        }
        if (e instanceof JsonParseException parse) {
            return problem(400, "Malformed JSON", "the body is not valid JSON: " + parse.getOriginalMessage()
                    + locate(parse), uri, null);
        }
        return problem(400, "Malformed JSON", "the body is not valid JSON: " + e.getOriginalMessage() + locate(e), uri, null);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "Forbidden", e.getMessage() == null || e.getMessage().isBlank()
                ? "your roles do not allow this" : e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableJson(json, uri);
            }
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? defaultDetail(status) : e.getMessage();
        Response problem = problem(status, title, detail, uri, null);
        if (e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(problem).header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW)).build();
        }
        return problem;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure %s on %s", id, uri.getPath());
        return problem(500, "Internal error", "the service failed unexpectedly; the log names this failure " + id, uri, null);
    }

    private static Response unauthenticated(UriInfo uri) {
        return Response.fromResponse(problem(401, "Unauthorized", "a valid bearer token is required", uri, null))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    static Response problem(int status, String title, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(), errors))
                .build();
    }

    private static String defaultDetail(int status) {
        return switch (status) {
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed here";
            case 406 -> "the requested media type cannot be produced";
            case 413 -> "the request body is too large";
            case 415 -> "send the body as application/json";
            default -> "the request failed";
        };
    }

    private static String field(ConstraintViolation<?> violation) {
        // Method-parameter paths read "declare.request.title": the last node after the body is the field.
        String last = null;
        StringBuilder fieldPath = new StringBuilder();
        boolean inBody = false;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                inBody = true;
                last = node.getName();
                continue;
            }
            if (inBody || node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                if (!fieldPath.isEmpty()) {
                    fieldPath.append('.');
                }
                fieldPath.append(node.getName());
                if (node.getIndex() != null) {
                    fieldPath.append('[').append(node.getIndex()).append(']');
                }
            }
        }
        return fieldPath.isEmpty() ? String.valueOf(last) : fieldPath.toString();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        return switch (type.getSimpleName()) {
            case "String" -> "a string";
            case "Integer", "int", "Long", "long" -> "an integer";
            case "Boolean", "boolean" -> "true or false";
            case "Instant", "OffsetDateTime" -> "an RFC 3339 date-time";
            case "LocalDate" -> "a date (YYYY-MM-DD)";
            case "List", "Set", "Collection" -> "an array";
            case "Map" -> "an object";
            default -> "an object of type " + type.getSimpleName();
        };
    }

    private static String locate(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
