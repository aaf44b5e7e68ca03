package dev.incidentlifecycle.incidents.integration;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An integration as the admin API shows it: never a key, except {@code key} once, in the answer that made it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A named alert sender; the name is the actor recorded on its alerts")
public record IntegrationView(
        UUID id,
        @Schema(examples = "grafana-prod") String name,
        String description,
        @Schema(description = "the service of its change events when they name none; absent: their payload.source", examples = "checkout")
        String service,
        @Schema(description = "ACTIVE or REVOKED", enumeration = {"ACTIVE", "REVOKED"}) String status,
        Instant createdAt,
        String createdBy,
        Instant revokedAt,
        String revokedBy,
        @Schema(description = "the keys that still work, newest first") List<KeyView> keys,
        @Schema(description = "the new key: shown in this answer only, never again", examples = "ik_3q2-7wKx…")
        String key) {

    @Schema(description = "One key of an integration, by its first characters")
    public record KeyView(@Schema(examples = "ik_3q2-7wKx") String prefix, Instant createdAt, String createdBy,
                          @Schema(description = "when a rotated-away key stops working; none: until rotated or revoked")
                          Instant expiresAt) {
    }

    IntegrationView withKey(IntegrationKey key) {
        return new IntegrationView(id, name, description, service, status, createdAt, createdBy, revokedAt, revokedBy, keys, key.value());
    }
}
