package dev.incidentlifecycle.incidents.change;

import dev.incidentlifecycle.incidents.intake.IntakeProducer;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.incidents.alert.BodyReader;
import dev.incidentlifecycle.incidents.alert.PagerDutyEvent;
import dev.incidentlifecycle.incidents.alert.Validated;
import dev.incidentlifecycle.incidents.alert.ingest.IngestionSecrets;
import dev.incidentlifecycle.incidents.alert.ingest.PagerDutyEnqueueResource;
import dev.incidentlifecycle.incidents.integration.Integrations;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PagerDuty's Change Events API, compatible with {@code https://events.pagerduty.com/v2/change/enqueue}: a deploy
 * pipeline, a configuration tool or a feature-flag service that reports changes to PagerDuty can report them here.
 * Authenticated by the same integration keys as {@code /v2/enqueue} ({@link IngestionSecrets}); the integration is
 * the change's actor. Answers are PagerDuty's, not problem+json: {@code 202 {"status":"success","message":"Change event
 * processed"}}, {@code 400 {"status":"invalid event","message":"Event object is invalid","errors":[...]}} (an unknown
 * key: {@code "Invalid routing key"}), 403 for a revoked key. An accepted change is written to {@code changes}
 * (without its routing key) and stored from there.
 */
@Path("/v2/change/enqueue")
@Tag(name = "Change events")
public class ChangeEnqueueResource {

    private static final Duration LOOKUP = Duration.ofSeconds(5);

    private final IngestionSecrets secrets;
    private final Integrations integrations;
    private final ChangesTopic topic;

    ChangeEnqueueResource(IngestionSecrets secrets, Integrations integrations, ChangesTopic topic) {
        this.secrets = secrets;
        this.integrations = integrations;
        this.topic = topic;
    }

    /** PagerDuty's 202 body for a change event. */
    @Schema(name = "ChangeAccepted")
    public record Accepted(@Schema(examples = "success") String status, @Schema(examples = PagerDutyChangeEvent.SUCCESS_MESSAGE) String message) {
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "enqueuePagerDutyChangeEvent", summary = "Report a change (deploy, configuration, feature flag), as to PagerDuty's Change Events API",
            description = "The change's service is payload.custom_details.service when given, else the integration's service "
                    + "when it has one, else payload.source.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, example = """
            {"routing_key": "ik_3q2-7wKxExampleKeyOfAnIntegration",
             "payload": {"summary": "Deployed checkout 2.14.1", "timestamp": "2026-12-02T08:42:58.315+0000",
                         "source": "argocd-prod", "custom_details": {"service": "checkout", "version": "2.14.1", "commit": "9f3c2e1"}},
             "links": [{"href": "https://argocd.example.com/applications/checkout", "text": "Argo CD"}]}"""))
    @APIResponse(responseCode = "202", description = "Accepted and written to the changes topic (PagerDuty's shape)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid event, a field over its bound (lengths, control characters, "
            + "http/https URLs, custom_details size), no service to be told, or an unknown routing key (PagerDuty's shape, every error named)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PagerDutyEnqueueResource.Invalid.class)))
    @APIResponse(responseCode = "403", description = "A routing key that was revoked or rotated away (PagerDuty's shape)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PagerDutyEnqueueResource.Invalid.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than the configured limit")
    @APIResponse(responseCode = "503", description = "The changes topic did not acknowledge the change in time; send it again")
    public Response enqueue(byte[] body) {
        Map<String, Object> event = asObject(body);
        if (event == null) {
            return invalid(List.of(PagerDutyEnqueueResource.NOT_AN_OBJECT));
        }
        String routingKey = PagerDutyEvent.routingKeyOf(event);
        IngestionSecrets.Sender sender = secrets.senderOfRoutingKey(routingKey);
        if (sender instanceof IngestionSecrets.Sender.Revoked) {
            return json(403, new PagerDutyEnqueueResource.Invalid(PagerDutyEvent.INVALID_STATUS, PagerDutyEvent.INVALID_MESSAGE,
                    List.of(PagerDutyEnqueueResource.REVOKED_ROUTING_KEY)));
        }
        if (routingKey != null && !routingKey.isBlank() && !(sender instanceof IngestionSecrets.Sender.Known)) {
            return invalid(List.of(PagerDutyEnqueueResource.INVALID_ROUTING_KEY));
        }
        Validated<ChangeEvent> validated = PagerDutyChangeEvent.validate(event, PagerDutyEvent.RoutingKey.REQUIRED);
        if (validated instanceof Validated.Invalid<ChangeEvent> refused) {
            return invalid(refused.errors());
        }
        ChangeEvent change = ((Validated.Valid<ChangeEvent>) validated).value();
        String integration = ((IngestionSecrets.Sender.Known) sender).name();
        String service = change.serviceWith(change.namedService() != null ? null : integrationService(integration));
        if (service == null) {
            return invalid(List.of(PagerDutyChangeEvent.noService()));
        }
        // The routing key is a secret and has been checked: it is not copied onto the topic.
        Map<String, Object> record = new LinkedHashMap<>(event);
        record.remove("routing_key");
        try {
            topic.write(service, record, integration);
        } catch (IntakeProducer.NotWritten e) {
            throw new WebApplicationException("the change could not be queued; send it again", e, 503);
        }
        return json(202, new Accepted(PagerDutyEvent.SUCCESS_STATUS, PagerDutyChangeEvent.SUCCESS_MESSAGE));
    }

    private String integrationService(String integration) {
        return integrations.serviceOf(integration).await().atMost(LOOKUP).orElse(null);
    }

    /** The body as a JSON object, or null when it is empty, not JSON, or not an object (PagerDuty's 400 then). */
    private static Map<String, Object> asObject(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return BodyReader.asObject(EventJson.mapper().readValue(body, Object.class));
        } catch (IOException e) {
            return null;
        }
    }

    private static Response invalid(List<String> errors) {
        return json(400, new PagerDutyEnqueueResource.Invalid(PagerDutyEvent.INVALID_STATUS, PagerDutyEvent.INVALID_MESSAGE, errors));
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
