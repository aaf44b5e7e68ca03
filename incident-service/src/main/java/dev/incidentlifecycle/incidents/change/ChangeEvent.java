package dev.incidentlifecycle.incidents.change;

import dev.incidentlifecycle.incidents.alert.AlertLink;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A change made to a system (a deploy, a configuration change, a feature flag flipped), as a PagerDuty change
 * event says it: within every bound of {@link PagerDutyChangeEvent}, so it can always be stored.
 *
 * @param summary       what changed ({@code payload.summary})
 * @param source        where it happened ({@code payload.source}), or null
 * @param timestamp     when the sending tool says it happened ({@code payload.timestamp}), or null
 * @param customDetails the sender's details ({@code payload.custom_details}), or an empty map
 * @param namedService  {@code payload.custom_details.service}, or null
 */
public record ChangeEvent(String summary, String source, Instant timestamp, Map<String, Object> customDetails,
                          List<AlertLink> links, String namedService) {

    public ChangeEvent {
        customDetails = customDetails == null ? Map.of() : customDetails;
        links = links == null ? List.of() : List.copyOf(links);
    }

    /**
     * The service the change was made to: {@code payload.custom_details.service} when given, else the service of the
     * integration that sent it when it has one, else {@code payload.source}; null when none of them is known.
     */
    public String serviceWith(String integrationService) {
        if (namedService != null) {
            return namedService;
        }
        return integrationService != null && !integrationService.isBlank() ? integrationService : source;
    }
}
