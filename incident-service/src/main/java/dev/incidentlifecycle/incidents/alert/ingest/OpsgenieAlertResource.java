package dev.incidentlifecycle.incidents.alert.ingest;

import dev.incidentlifecycle.incidents.intake.IntakeProducer;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.incidents.alert.AlertSignal;
import dev.incidentlifecycle.incidents.alert.OpsgenieAlert;
import dev.incidentlifecycle.incidents.alert.OpsgeniePriority;
import dev.incidentlifecycle.incidents.alert.PagerDutyEvent;
import dev.incidentlifecycle.incidents.alert.Validated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Opsgenie's Alert API, compatible with {@code https://api.opsgenie.com/v2/alerts}: create, acknowledge and close
 * (by alias), so a sender that pages Opsgenie moves here by changing its URL. {@link OpsgenieAlert} maps the bodies
 * to signals, which are written onto {@code alerts} and handled from there like PagerDuty events.
 *
 * <p>{@code Authorization: GenieKey <key>} takes the integration keys {@code /v2/enqueue} takes. The answers are
 * Opsgenie's shapes, not problem+json, so Opsgenie clients read them as they read Opsgenie's: {@code 202
 * {"result":"Request will be processed","took":0.012,"requestId":"<uuid>"}} (also in {@code X-Request-ID}), and
 * {@code {"message":...,"took":...,"requestId":...}} with Opsgenie's statuses for the errors: 400 for a body that is
 * not a JSON object, 401 {@code Could not authenticate} for no or an unknown key, 403 for a revoked or rotated-away
 * one (as the other intakes answer it), 422 with Opsgenie's {@code errors} object for every field refused and for an
 * {@code identifierType} other than {@code alias}, 503 when Kafka does not take the signal (Opsgenie clients retry 5xx
 * as they retry 429). There is no rate limit, so no 429: the topic absorbs storms. Over 1 MiB: 413.
 */
@Path("/v2/alerts")
@Tag(name = "Alert ingestion")
public class OpsgenieAlertResource {

    /** Opsgenie's {@code result} of an accepted request. */
    public static final String RESULT = "Request will be processed";
    /** Opsgenie's message for a refused key. */
    public static final String NOT_AUTHENTICATED = "Could not authenticate";
    public static final String REVOKED = "Integration key revoked or rotated away: configure the integration's new key";
    /** Opsgenie's message of a 422 whose {@code errors} object names each field. */
    public static final String NOT_PROCESSABLE = "Request body is not processable. Please check the errors.";
    public static final String NOT_AN_OBJECT = "Invalid JSON body: the request body must be a JSON object";

    private static final String REQUEST_ID = "X-Request-ID";
    private static final String GENIE_KEY = "Authenticated by the header Authorization: GenieKey <integration key>, "
            + "the keys /v2/enqueue takes (an integration's, or one of INCIDENTS_INTEGRATION_KEYS).";
    private static final String IDENTIFIER_TYPE = "How the identifier names the alert: alias only (Opsgenie's id, its default, "
            + "and tiny are refused with 422)";

    private final IngestionSecrets secrets;
    private final AlertsTopic alerts;

    OpsgenieAlertResource(IngestionSecrets secrets, AlertsTopic alerts) {
        this.secrets = secrets;
        this.alerts = alerts;
    }

    @Schema(name = "OpsgenieAccepted", description = "Opsgenie's answer to a request it will process")
    @JsonPropertyOrder({"result", "took", "requestId"})
    public record Accepted(@Schema(examples = RESULT) String result,
                           @Schema(description = "seconds this service took to answer", examples = "0.012") double took,
                           @Schema(format = "uuid") String requestId) {
    }

    @Schema(name = "OpsgenieError", description = "Opsgenie's error body")
    @JsonPropertyOrder({"message", "errors", "took", "requestId"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Refused(String message,
                          @Schema(description = "422: each refused field and why, e.g. {\"priority\": \"should be one of [ P1, P2, P3, P4, P5 ]\"}")
                          Map<String, String> errors,
                          double took,
                          @Schema(format = "uuid") String requestId) {
    }

    @Schema(name = "OpsgenieCreateAlert", description = "Opsgenie's create-alert body; bounds in incident-service's README (Opsgenie intake)",
            examples = """
                    {"message": "Checkout 5xx above 5%", "alias": "checkout/5xx", "description": "Error ratio 7.2% for 5 minutes",
                     "priority": "P1", "source": "grafana", "entity": "checkout", "tags": ["prod", "eu-west-1"],
                     "details": {"environment": "prod", "dashboard": "https://grafana.example.com/d/checkout"}}""")
    public record CreateAlert(
            @Schema(required = true, maxLength = OpsgenieAlert.MESSAGE, description = "the alert's summary") String message,
            @Schema(maxLength = OpsgenieAlert.ALIAS, description = "the dedup key; default: the request id") String alias,
            @Schema(maxLength = OpsgenieAlert.DESCRIPTION) String description,
            @Schema(description = "P1 → critical, P2 → error, P3 (default) and P4 → warning, P5 → info") OpsgeniePriority priority,
            @Schema(maxLength = OpsgenieAlert.SOURCE, description = "default: the address the request came from") String source,
            @Schema(maxLength = OpsgenieAlert.ENTITY, description = "the affected service (else the source)") String entity,
            @Schema(maxItems = OpsgenieAlert.TAGS, description = "each at most " + OpsgenieAlert.TAG + " characters") List<String> tags,
            @Schema(description = "custom details; at most " + OpsgenieAlert.DETAILS_CHARACTERS + " characters of keys and values")
            Map<String, String> details,
            @Schema(maxItems = OpsgenieAlert.ACTIONS, description = "checked, not kept") List<String> actions,
            @Schema(maxItems = OpsgenieAlert.RECIPIENTS, description = "checked, not kept: alerts are routed by service")
            List<Map<String, String>> responders,
            @Schema(maxItems = OpsgenieAlert.RECIPIENTS, description = "checked, not kept") List<Map<String, String>> visibleTo,
            @Schema(maxLength = OpsgenieAlert.USER) String user,
            @Schema(maxLength = OpsgenieAlert.NOTE) String note) {
    }

    @Schema(name = "OpsgenieAlertAction", description = "Opsgenie's acknowledge or close body (optional; checked, not kept)",
            examples = "{\"user\": \"Monitoring Script\", \"source\": \"AWS Lambda\", \"note\": \"Action executed via Alert API\"}")
    public record AlertAction(@Schema(maxLength = OpsgenieAlert.USER) String user,
                              @Schema(maxLength = OpsgenieAlert.SOURCE) String source,
                              @Schema(maxLength = OpsgenieAlert.NOTE) String note) {
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createOpsgenieAlert", summary = "Create an alert, as with Opsgenie's Alert API (a repeat of an open alert's alias counts an occurrence)", description = GENIE_KEY)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreateAlert.class)))
    @APIResponse(responseCode = "202", description = "Written to the alerts topic",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "Not a JSON object (Opsgenie's shape)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Refused.class)))
    @APIResponse(responseCode = "401", description = "No GenieKey, or not a known one: Could not authenticate", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Refused.class)))
    @APIResponse(responseCode = "403", description = "A key that was revoked or rotated away", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Refused.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than the configured limit")
    @APIResponse(responseCode = "422", description = "A field missing, of the wrong type, over its bound or holding a control character; "
            + "a priority other than P1..P5 (Opsgenie's shape, every field in errors)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Refused.class)))
    @APIResponse(responseCode = "503", description = "The alerts topic did not take it: send it again", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Refused.class)))
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request, byte[] body) {
        Request answer = new Request();
        IngestionSecrets.Sender sender = secrets.senderOfGenieKey(genieKey(authorization));
        if (!(sender instanceof IngestionSecrets.Sender.Known known)) {
            return answer.refusedKey(sender);
        }
        Map<String, Object> alert = SenderBody.asObject(body);
        if (alert == null) {
            return answer.refused(400, NOT_AN_OBJECT, null);
        }
        return answer.send(OpsgenieAlert.create(alert, requestSource(request), () -> answer.id), known);
    }

    @POST
    @Path("/{identifier}/acknowledge")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "acknowledgeOpsgenieAlert", summary = "Acknowledge the alert of an alias, as with Opsgenie's Alert API", description = GENIE_KEY)
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertAction.class)))
    @APIResponse(responseCode = "202", description = "Written to the alerts topic (an alias without an open alert changes nothing, as in Opsgenie)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "A body that is not a JSON object", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Refused.class)))
    @APIResponse(responseCode = "401", description = "No GenieKey, or not a known one", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Refused.class)))
    @APIResponse(responseCode = "403", description = "A key that was revoked or rotated away", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Refused.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than the configured limit")
    @APIResponse(responseCode = "422", description = "identifierType other than alias, or a field over its bound", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Refused.class)))
    @APIResponse(responseCode = "503", description = "The alerts topic did not take it: send it again", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Refused.class)))
    public Response acknowledge(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @Parameter(description = "the alert's alias") @PathParam("identifier") String identifier,
                                @Parameter(description = IDENTIFIER_TYPE, schema = @Schema(type = SchemaType.STRING, enumeration = OpsgenieAlert.ALIAS_IDENTIFIER), required = true)
                                @QueryParam("identifierType") String identifierType, byte[] body) {
        return action(AlertSignal.Action.ACKNOWLEDGE, authorization, identifier, identifierType, body);
    }

    @POST
    @Path("/{identifier}/close")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "closeOpsgenieAlert", summary = "Close (resolve) the alert of an alias, as with Opsgenie's Alert API", description = GENIE_KEY)
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertAction.class)))
    @APIResponse(responseCode = "202", description = "Written to the alerts topic: the alert resolves; a create with the alias afterwards opens a new alert",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "A body that is not a JSON object", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Refused.class)))
    @APIResponse(responseCode = "401", description = "No GenieKey, or not a known one", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Refused.class)))
    @APIResponse(responseCode = "403", description = "A key that was revoked or rotated away", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Refused.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than the configured limit")
    @APIResponse(responseCode = "422", description = "identifierType other than alias, or a field over its bound", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Refused.class)))
    @APIResponse(responseCode = "503", description = "The alerts topic did not take it: send it again", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Refused.class)))
    public Response close(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @Parameter(description = "the alert's alias") @PathParam("identifier") String identifier,
                          @Parameter(description = IDENTIFIER_TYPE, schema = @Schema(type = SchemaType.STRING, enumeration = OpsgenieAlert.ALIAS_IDENTIFIER), required = true)
                                @QueryParam("identifierType") String identifierType, byte[] body) {
        return action(AlertSignal.Action.RESOLVE, authorization, identifier, identifierType, body);
    }

    private Response action(AlertSignal.Action action, String authorization, String identifier, String identifierType, byte[] body) {
        Request answer = new Request();
        IngestionSecrets.Sender sender = secrets.senderOfGenieKey(genieKey(authorization));
        if (!(sender instanceof IngestionSecrets.Sender.Known known)) {
            return answer.refusedKey(sender);
        }
        String unsupported = OpsgenieAlert.unsupportedIdentifierType(identifierType);
        if (unsupported != null) {
            return answer.refused(422, unsupported, Map.of("identifierType", "should be alias"));
        }
        Map<String, Object> request = null;
        if (body != null && body.length > 0) {
            request = SenderBody.asObject(body);
            if (request == null) {
                return answer.refused(400, NOT_AN_OBJECT, null);
            }
        }
        return answer.send(OpsgenieAlert.action(action, identifier, request), known);
    }

    /** One request's id and clock: every answer carries them, as Opsgenie's do. */
    private final class Request {
        final String id = UUID.randomUUID().toString();
        private final long started = System.nanoTime();

        Response send(Validated<AlertSignal> validated, IngestionSecrets.Sender.Known sender) {
            if (validated instanceof Validated.Invalid<AlertSignal> invalid) {
                return refused(422, NOT_PROCESSABLE, OpsgenieAlert.errorsByField(invalid.errors()));
            }
            AlertSignal signal = ((Validated.Valid<AlertSignal>) validated).value();
            try {
                alerts.write(List.of(new AlertsTopic.Signal(signal.dedupKey(), PagerDutyEvent.toBody(signal, null))),
                        AlertsTopic.OPSGENIE_SOURCE, sender.name());
            } catch (IntakeProducer.NotWritten e) {
                return refused(503, "The request could not be queued; send it again", null);
            }
            return json(202, new Accepted(RESULT, took(), id));
        }

        Response refusedKey(IngestionSecrets.Sender sender) {
            return sender instanceof IngestionSecrets.Sender.Revoked
                    ? refused(403, REVOKED, null) : refused(401, NOT_AUTHENTICATED, null);
        }

        Response refused(int status, String message, Map<String, String> errors) {
            return json(status, new Refused(message, errors, took(), id));
        }

        private double took() {
            return Math.round((System.nanoTime() - started) / 1_000_000.0) / 1000.0;
        }

        /** Written with the event mapper, not the REST one: these bytes are Opsgenie's contract. */
        private Response json(int status, Object body) {
            try {
                return Response.status(status).type(MediaType.APPLICATION_JSON).header(REQUEST_ID, id)
                        .entity(EventJson.mapper().writeValueAsString(body)).build();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String genieKey(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        return value.regionMatches(true, 0, "GenieKey ", 0, 9) ? value.substring(9).strip() : null;
    }

    /** Opsgenie's default source: the address the request came from (the client's, where proxy forwarding is on). */
    private static String requestSource(HttpServerRequest request) {
        return request != null && request.remoteAddress() != null && request.remoteAddress().hostAddress() != null
                ? request.remoteAddress().hostAddress() : "opsgenie-api";
    }
}
