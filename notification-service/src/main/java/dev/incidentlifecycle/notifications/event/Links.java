package dev.incidentlifecycle.notifications.event;

import dev.incidentlifecycle.notifications.NotificationSettings;

import java.util.Map;

/** Absolute links to what an event is about, from each service's configured public base URL. */
public final class Links {

    private final Map<String, String> bases;

    public Links(Map<String, String> bases) {
        this.bases = bases;
    }

    public static Links of(NotificationSettings settings) {
        return new Links(settings.links());
    }

    public String incident(String incidentId) {
        return incidentId == null ? null : base("incident-service") + "/incidents/" + incidentId;
    }

    public String review(String reviewId) {
        return reviewId == null ? null : base("review-service") + "/reviews/" + reviewId;
    }

    public String actionItem(String actionItemId) {
        return actionItemId == null ? null : base("actions-service") + "/action-items/" + actionItemId;
    }

    private String base(String service) {
        String base = bases.getOrDefault(service, "");
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
