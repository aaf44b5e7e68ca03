package dev.incidentlifecycle.incidents.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.incidents.alert.AlertLink;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A change as the API shows it: who (the integration), what, when, to which service, and where to read more. */
@Schema(description = "A change made to a service (a deploy, a configuration change, a feature flag), as its sender reported it")
public record ChangeView(
        UUID id,
        @Schema(description = "payload.custom_details.service, else the integration's service, else payload.source", examples = "checkout")
        String service,
        @Schema(examples = "Deployed checkout 2.14.1 (canary 10%)") String summary,
        @Schema(description = "payload.source, where it happened", examples = "argocd-prod") String source,
        @Schema(description = "payload.timestamp, else when it reached this service") Instant occurredAt,
        @Schema(description = "when this service stored it") Instant receivedAt,
        @Schema(description = "who sent it: the integration's name (ce_actor on the topic)", examples = "deploys-checkout") String actor,
        @Schema(description = "payload.custom_details as sent") Map<String, Object> customDetails,
        List<AlertLink> links) {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<List<AlertLink>> LINKS = new TypeReference<>() {
    };

    static ChangeView of(ChangeRow row) {
        try {
            return new ChangeView(row.id, row.service, row.summary, row.source, row.occurredAt, row.receivedAt, row.actor,
                    EventJson.mapper().readValue(row.customDetails, OBJECT), EventJson.mapper().readValue(row.links, LINKS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("change " + row.id + " holds unreadable JSON: " + e.getOriginalMessage(), e);
        }
    }
}
