package dev.incidentlifecycle.incidents.alert.ingest;

import dev.incidentlifecycle.incidents.intake.IntakeProducer;
import dev.incidentlifecycle.incidents.alert.AlertSignal;
import dev.incidentlifecycle.incidents.alert.AlertmanagerNotification;
import dev.incidentlifecycle.incidents.alert.PagerDutyEvent;
import dev.incidentlifecycle.incidents.alert.Validated;
import dev.incidentlifecycle.web.Problem;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * Prometheus Alertmanager's webhook receiver (notification version 4). Alertmanager authenticates with a
 * bearer token ({@code http_config.authorization} in its receiver), checked in constant time against
 * {@code incidents.alertmanager.tokens}. Each alert of the notification becomes one signal on {@code alerts}
 * (see {@link AlertmanagerNotification} for the mapping); the answer comes as soon as Kafka has them.
 * A repeated notification (Alertmanager re-sends firing groups every repeat interval) repeats the same dedup
 * keys: the alerts only count another occurrence.
 */
@Path("/webhooks/alertmanager")
@Tag(name = "Alert ingestion")
public class AlertmanagerWebhookResource {

    private final IngestionSecrets secrets;
    private final AlertsTopic alerts;

    AlertmanagerWebhookResource(IngestionSecrets secrets, AlertsTopic alerts) {
        this.secrets = secrets;
        this.alerts = alerts;
    }

    /** How many alerts of the notification were queued. */
    public record Queued(int alerts) {
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveAlertmanagerNotification", summary = "Receive an Alertmanager webhook notification (version 4)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, example = """
            {"version": "4", "groupKey": "{}:{alertname=\\"HighErrorRate\\"}", "status": "firing", "receiver": "incident-lifecycle",
             "groupLabels": {"alertname": "HighErrorRate"}, "commonLabels": {"alertname": "HighErrorRate", "service": "checkout"},
             "commonAnnotations": {}, "externalURL": "http://alertmanager:9093", "truncatedAlerts": 0,
             "alerts": [{"status": "firing", "labels": {"alertname": "HighErrorRate", "service": "checkout", "severity": "critical"},
                         "annotations": {"summary": "5xx above 5% on checkout"}, "startsAt": "2026-12-02T10:00:00Z",
                         "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prometheus:9090/graph", "fingerprint": "c1f3a9e2b7d4a6f0"}]}"""))
    @APIResponse(responseCode = "202", description = "Every alert of the notification was written to the alerts topic")
    @APIResponse(responseCode = "400", description = "Not a version 4 notification (problem+json, with every error)")
    @APIResponse(responseCode = "401", description = "No bearer token, or not a known one")
    @APIResponse(responseCode = "403", description = "A token that was revoked or rotated away")
    @APIResponse(responseCode = "413", description = "Over a bound: alerts per notification, bytes per label or annotation, "
            + "or a field's length (problem+json naming each limit); or the body is over the body size limit")
    public Response receive(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        IngestionSecrets.Sender sender = secrets.senderOfBearerToken(bearerToken(authorization));
        if (sender instanceof IngestionSecrets.Sender.Revoked) {
            return problem(403, "Token revoked", "this bearer token was revoked or rotated away: configure the integration's new key", List.of());
        }
        if (!(sender instanceof IngestionSecrets.Sender.Known known)) {
            throw new UnauthorizedException();
        }
        Map<String, Object> notification = SenderBody.asObject(body);
        if (notification == null) {
            return invalid(List.of("the body is not a JSON object"));
        }
        Validated<List<AlertSignal>> validated = AlertmanagerNotification.toSignals(notification);
        if (validated instanceof Validated.Invalid<List<AlertSignal>> refused) {
            return refused.tooLarge() ? tooLarge(refused.errors()) : invalid(refused.errors());
        }
        List<AlertSignal> signals = ((Validated.Valid<List<AlertSignal>>) validated).value();
        try {
            alerts.write(signals.stream()
                    .map(signal -> new AlertsTopic.Signal(signal.dedupKey(), PagerDutyEvent.toBody(signal, null)))
                    .toList(), AlertsTopic.ALERTMANAGER_SOURCE, known.name());
        } catch (IntakeProducer.NotWritten e) {
            throw new WebApplicationException("the notification could not be queued; Alertmanager will send it again", e, 503);
        }
        return Response.accepted(new Queued(signals.size())).type(MediaType.APPLICATION_JSON).build();
    }

    private static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : null;
    }

    /** 400 problem+json listing every error; the field of each is the path the message quotes. */
    private static Response invalid(List<String> errors) {
        return problem(400, "Invalid notification",
                "not an Alertmanager webhook notification (version 4): " + String.join("; ", errors), errors);
    }

    /** 413 problem+json: the notification is over a documented bound, each error naming its limit. */
    private static Response tooLarge(List<String> errors) {
        return problem(413, "Notification too large",
                "the notification is over the limits of this receiver: " + String.join("; ", errors), errors);
    }

    private static Response problem(int status, String title, String detail, List<String> errors) {
        List<Problem.FieldError> fields = errors.stream()
                .map(message -> new Problem.FieldError(quotedPath(message), message))
                .toList();
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, "/webhooks/alertmanager", fields))
                .build();
    }

    private static String quotedPath(String message) {
        int open = message.indexOf('\'');
        int close = open < 0 ? -1 : message.indexOf('\'', open + 1);
        return close > open ? message.substring(open + 1, close) : "(body)";
    }
}
