package dev.incidentlifecycle.incidents.alert.ingest;

import dev.incidentlifecycle.incidents.intake.IntakeProducer;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.incidents.alert.AlertSignal;
import dev.incidentlifecycle.incidents.alert.PagerDutyEvent;
import dev.incidentlifecycle.incidents.alert.Validated;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * PagerDuty Events API v2, compatible with {@code https://events.pagerduty.com/v2/enqueue}: anything that can
 * page PagerDuty can send its alerts here instead. Same validation rules and the same answers:
 * {@code 202 {"status":"success","message":"Event processed","dedup_key":...}} and
 * {@code 400 {"status":"invalid event","message":"Event object is invalid","errors":[...]}}; these are
 * PagerDuty's shapes, not problem+json, so that PagerDuty clients read them as they would PagerDuty's.
 *
 * <p>The {@code routing_key} is the secret: an integration's key or one of {@code incidents.integration-keys}, else the
 * answer is PagerDuty's for an unknown key, 400 with {@code "Invalid routing key"}. An accepted event is
 * written to {@code alerts} (without its routing key, with its dedup key) and handled from there.
 */
@Path("/v2/enqueue")
@Tag(name = "Alert ingestion")
public class PagerDutyEnqueueResource {

    /** PagerDuty's error for a routing key it does not know. */
    public static final String INVALID_ROUTING_KEY = "Invalid routing key";
    /** Ours for a key that worked once: its integration was revoked, or it was rotated away (403). */
    public static final String REVOKED_ROUTING_KEY = "Routing key revoked";
    /** Our error for a body that is not a JSON object (PagerDuty documents none). */
    public static final String NOT_AN_OBJECT = "Event object must be a JSON object";

    private final IngestionSecrets secrets;
    private final AlertsTopic alerts;

    PagerDutyEnqueueResource(IngestionSecrets secrets, AlertsTopic alerts) {
        this.secrets = secrets;
        this.alerts = alerts;
    }

    /** PagerDuty's 202 body. */
    public record Accepted(String status, String message, @JsonProperty("dedup_key") String dedupKey) {
    }

    /** PagerDuty's 400 body. */
    public record Invalid(String status, String message, List<String> errors) {
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "enqueuePagerDutyEvent", summary = "Send an alert event (trigger, acknowledge or resolve), as to PagerDuty's Events API v2")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, example = """
            {"routing_key": "ik_3q2-7wKxExampleKeyOfAnIntegration", "event_action": "trigger", "dedup_key": "checkout/5xx",
             "payload": {"summary": "5xx above 5% on checkout", "source": "web-1", "severity": "critical", "component": "checkout"},
             "client": "Grafana", "client_url": "https://grafana.example.com/d/checkout"}"""))
    @APIResponse(responseCode = "202", description = "Accepted and written to the alerts topic; the dedup key is returned")
    @APIResponse(responseCode = "400", description = "Invalid event, a field over its bound (AlertLimits: lengths, control "
            + "characters, http/https URLs, custom_details size), or unknown routing key (PagerDuty's shape, every error named)")
    @APIResponse(responseCode = "403", description = "A routing key that was revoked or rotated away (PagerDuty's shape)")
    @APIResponse(responseCode = "413", description = "The body is larger than the configured limit")
    public Response enqueue(byte[] body) {
        Map<String, Object> event = SenderBody.asObject(body);
        if (event == null) {
            return invalid(List.of(NOT_AN_OBJECT));
        }
        String routingKey = PagerDutyEvent.routingKeyOf(event);
        IngestionSecrets.Sender sender = secrets.senderOfRoutingKey(routingKey);
        if (sender instanceof IngestionSecrets.Sender.Revoked) {
            return json(403, new Invalid(PagerDutyEvent.INVALID_STATUS, PagerDutyEvent.INVALID_MESSAGE, List.of(REVOKED_ROUTING_KEY)));
        }
        if (routingKey != null && !routingKey.isBlank() && !(sender instanceof IngestionSecrets.Sender.Known)) {
            return invalid(List.of(INVALID_ROUTING_KEY));
        }
        Validated<AlertSignal> validated = PagerDutyEvent.validate(event, () -> UUID.randomUUID().toString());
        if (validated instanceof Validated.Invalid<AlertSignal> refused) {
            return invalid(refused.errors());
        }
        AlertSignal signal = ((Validated.Valid<AlertSignal>) validated).value();
        // The routing key is a secret and has been checked: it is not copied onto the topic.
        Map<String, Object> record = new LinkedHashMap<>(event);
        record.remove("routing_key");
        record.put("dedup_key", signal.dedupKey());
        try {
            // The integration is the actor; the body's client stays in the alert as the sender's own detail.
            alerts.write(List.of(new AlertsTopic.Signal(signal.dedupKey(), record)), AlertsTopic.EVENTS_API_SOURCE,
                    ((IngestionSecrets.Sender.Known) sender).name());
        } catch (IntakeProducer.NotWritten e) {
            throw new WebApplicationException("the event could not be queued; send it again", e, 503);
        }
        return json(202, new Accepted(PagerDutyEvent.SUCCESS_STATUS, PagerDutyEvent.SUCCESS_MESSAGE, signal.dedupKey()));
    }

    private static Response invalid(List<String> errors) {
        return json(400, new Invalid(PagerDutyEvent.INVALID_STATUS, PagerDutyEvent.INVALID_MESSAGE, errors));
    }

    /** Written with the event mapper, not the REST one: these bytes are PagerDuty's contract. */
    private static Response json(int status, Object body) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON)
                    .entity(EventJson.mapper().writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
