package dev.incidentlifecycle.notifications.subscription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.incidentlifecycle.eventstore.EventJson;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One webhook subscription, as the admin API lists it and the consumer matches it. */
@Entity
@Table(name = "webhook_subscription")
public class SubscriptionRow {

    @Id
    public UUID id;
    @Column(name = "target_url")
    public String targetUrl;
    @Enumerated(EnumType.STRING)
    @Column(name = "format")
    public SubscriptionFormat format;
    /** A JSON array of event type names. */
    @Column(name = "event_types")
    public String eventTypes;
    @Column(name = "description")
    public String description;
    @Column(name = "filter_service")
    public String filterService;
    @Column(name = "filter_team")
    public String filterTeam;
    @Column(name = "filter_severity")
    public String filterSeverity;
    @Enumerated(EnumType.STRING)
    @Column(name = "state")
    public SubscriptionState state;
    @Column(name = "disabled_reason")
    public String disabledReason;
    @Column(name = "disabled_at")
    public Instant disabledAt;
    @Column(name = "failing_since")
    public Instant failingSince;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public Set<String> eventTypeSet() {
        return eventTypes(eventTypes);
    }

    public Subscription subscription() {
        return new Subscription(id, targetUrl, format, eventTypeSet(), new EventFilter(filterService, filterTeam, filterSeverity));
    }

    static Set<String> eventTypes(String json) {
        try {
            return new LinkedHashSet<>(EventJson.mapper().readValue(json, new TypeReference<List<String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event_types is not a JSON array: " + json, e);
        }
    }

    static String eventTypesJson(Set<String> types) {
        try {
            return EventJson.mapper().writeValueAsString(List.copyOf(types));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
