package dev.incidentlifecycle.incidents.incident;

import dev.incidentlifecycle.incidents.alert.AlertSeverity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What happened to an incident, published on {@code incident-events}. Every event names its incident,
 * who did it ({@link #actor()}) and when it happened ({@link #occurredAt()}, possibly back-dated by a
 * person; when it was recorded is event metadata).
 */
public sealed interface IncidentEvent {

    /** Stable, versioned event type name, e.g. {@code incident.declared}. */
    String type();

    UUID incidentId();

    String actor();

    Instant occurredAt();

    /**
     * @param commander  the first commander, or null
     * @param declaredBy who declared it (the policy's actor for an alert declaration)
     * @param detectedAt  when the problem was first detected (the alert's start for an alert declaration)
     * @param groupingKey what later alerts must share to join it, when more than its service (grouping keys
     *                    configured), else null
     */
    record Declared(UUID incidentId, String number, String title, IncidentSeverity severity, String service,
                    String commander, String declaredBy, Instant declaredAt, Instant detectedAt,
                    DeclarationSource source, String groupingKey) implements IncidentEvent {

        public Declared(UUID incidentId, String number, String title, IncidentSeverity severity, String service,
                        String commander, String declaredBy, Instant declaredAt, Instant detectedAt, DeclarationSource source) {
            this(incidentId, number, title, severity, service, commander, declaredBy, declaredAt, detectedAt, source, null);
        }

        @Override
        public String type() {
            return "incident.declared";
        }

        @Override
        public String actor() {
            return declaredBy;
        }

        @Override
        public Instant occurredAt() {
            return declaredAt;
        }
    }

    record AlertAttached(UUID incidentId, UUID alertId, String dedupKey, String summary, AlertSeverity alertSeverity,
                         String actor, Instant occurredAt) implements IncidentEvent {
        @Override
        public String type() {
            return "incident.alert-attached";
        }
    }

    record Acknowledged(UUID incidentId, String actor, Instant occurredAt) implements IncidentEvent {
        @Override
        public String type() {
            return "incident.acknowledged";
        }
    }

    record SeverityChanged(UUID incidentId, IncidentSeverity from, IncidentSeverity to, String reason,
                           String actor, Instant occurredAt) implements IncidentEvent {
        @Override
        public String type() {
            return "incident.severity-changed";
        }
    }

    /** @param previousPerson who held the role before, or null */
    record RoleAssigned(UUID incidentId, IncidentRole role, String person, String previousPerson,
                        String actor, Instant occurredAt) implements IncidentEvent {
        @Override
        public String type() {
            return "incident.role-assigned";
        }
    }

    record ResponderJoined(UUID incidentId, String person, String actor, Instant occurredAt) implements IncidentEvent {
        @Override
        public String type() {
            return "incident.responder-joined";
        }
    }

    record NoteAdded(UUID incidentId, UUID noteId, String text, String author, Instant occurredAt)
            implements IncidentEvent {
        @Override
        public String type() {
            return "incident.note-added";
        }

        @Override
        public String actor() {
            return author;
        }
    }

    record ImpactUpdated(UUID incidentId, String statement, String actor, Instant occurredAt) implements IncidentEvent {
        @Override
        public String type() {
            return "incident.impact-updated";
        }
    }

    record LinkAdded(UUID incidentId, String url, String title, String actor, Instant occurredAt)
            implements IncidentEvent {
        @Override
        public String type() {
            return "incident.link-added";
        }
    }

    record Mitigated(UUID incidentId, String actor, Instant occurredAt) implements IncidentEvent {
        @Override
        public String type() {
            return "incident.mitigated";
        }
    }

    /** @param reason why, or null; set when the incident resolved because all its alerts did */
    record Resolved(UUID incidentId, String reason, String actor, Instant occurredAt) implements IncidentEvent {
        @Override
        public String type() {
            return "incident.resolved";
        }
    }

    record Reopened(UUID incidentId, String reason, String actor, Instant occurredAt) implements IncidentEvent {
        @Override
        public String type() {
            return "incident.reopened";
        }
    }

    /**
     * @param reviewId the review it closed after, or null
     * @param cause    why it closed; null on events recorded before causes were (they were all
     *                 {@link ClosingCause#FOLLOW_UP_COMPLETED})
     */
    record Closed(UUID incidentId, String reason, UUID reviewId, ClosingCause cause, String actor, Instant occurredAt)
            implements IncidentEvent {
        @Override
        public String type() {
            return "incident.closed";
        }
    }

    /** @param alertCount how many alerts the incident has, all of them resolved */
    record AlertsAllResolved(UUID incidentId, int alertCount, String actor, Instant occurredAt)
            implements IncidentEvent {
        @Override
        public String type() {
            return "incident.alerts-all-resolved";
        }
    }

    /** @param reason why, or null */
    record AlertDetached(UUID incidentId, UUID alertId, String dedupKey, String summary, String reason, String actor,
                         Instant occurredAt) implements IncidentEvent {
        @Override
        public String type() {
            return "incident.alert-detached";
        }
    }

    /**
     * The title, summary or service was corrected: {@code changed} names which, the other fields are the values after
     * the correction (summary and service may be null: none).
     */
    record Edited(UUID incidentId, List<String> changed, String title, String summary, String service, String actor,
                  Instant occurredAt) implements IncidentEvent {
        public Edited {
            changed = changed == null ? List.of() : List.copyOf(changed);
        }

        @Override
        public String type() {
            return "incident.edited";
        }
    }

    /** This incident was merged into {@code into}: it is MERGED, and its {@code alertCount} alerts are there now. */
    record Merged(UUID incidentId, UUID into, String intoNumber, int alertCount, String reason, String actor,
                  Instant occurredAt) implements IncidentEvent {
        @Override
        public String type() {
            return "incident.merged";
        }
    }

    /** Incident {@code from} was merged into this one: its {@code alertCount} alerts are attached here now. */
    record MergedFrom(UUID incidentId, UUID from, String fromNumber, int alertCount, String reason, String actor,
                      Instant occurredAt) implements IncidentEvent {
        @Override
        public String type() {
            return "incident.merged-from";
        }
    }

    /** Every event type name and its record, for adapters that read events back from JSON. */
    Map<String, Class<? extends IncidentEvent>> TYPES = Map.ofEntries(
            Map.entry("incident.declared", Declared.class),
            Map.entry("incident.alert-attached", AlertAttached.class),
            Map.entry("incident.acknowledged", Acknowledged.class),
            Map.entry("incident.severity-changed", SeverityChanged.class),
            Map.entry("incident.role-assigned", RoleAssigned.class),
            Map.entry("incident.responder-joined", ResponderJoined.class),
            Map.entry("incident.note-added", NoteAdded.class),
            Map.entry("incident.impact-updated", ImpactUpdated.class),
            Map.entry("incident.link-added", LinkAdded.class),
            Map.entry("incident.mitigated", Mitigated.class),
            Map.entry("incident.resolved", Resolved.class),
            Map.entry("incident.reopened", Reopened.class),
            Map.entry("incident.closed", Closed.class),
            Map.entry("incident.alerts-all-resolved", AlertsAllResolved.class),
            Map.entry("incident.alert-detached", AlertDetached.class),
            Map.entry("incident.edited", Edited.class),
            Map.entry("incident.merged", Merged.class),
            Map.entry("incident.merged-from", MergedFrom.class));
}
