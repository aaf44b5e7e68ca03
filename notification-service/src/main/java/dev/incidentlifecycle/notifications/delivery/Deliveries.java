package dev.incidentlifecycle.notifications.delivery;

import dev.incidentlifecycle.eventsourcing.RuleViolation;
import dev.incidentlifecycle.notifications.NotificationSettings;
import dev.incidentlifecycle.notifications.subscription.SubscriptionRow;
import dev.incidentlifecycle.notifications.subscription.SubscriptionState;
import dev.incidentlifecycle.web.Page;
import dev.incidentlifecycle.web.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The delivery log: what was sent to each subscription, and how it went. */
@ApplicationScoped
public class Deliveries {

    private final Mutiny.SessionFactory sessions;
    private final RetryPolicy retries;
    private final Clock clock;

    Deliveries(Mutiny.SessionFactory sessions, NotificationSettings settings, Clock clock) {
        this.sessions = sessions;
        this.retries = RetryPolicy.of(settings.delivery());
        this.clock = clock;
    }

    /** A subscription's deliveries, newest first. */
    public Uni<Page<DeliveryRow>> ofSubscription(UUID subscriptionId, DeliveryStatus status, PageRequest page) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("subscription", subscriptionId);
        String from = "from DeliveryRow d where d.subscriptionId = :subscription";
        if (status != null) {
            from += " and d.status = :status";
            parameters.put("status", status);
        }
        String query = from;
        return sessions.withSession(session -> page.read(session, DeliveryRow.class, query, "d.createdAt desc, d.id", parameters));
    }

    public Uni<DeliveryRow> find(UUID id) {
        return sessions.withSession(session -> session.find(DeliveryRow.class, id));
    }

    /**
     * Sends a delivery again, now, with the same {@code webhook-id} and body, and a new retry window: for a FAILED one
     * after the receiver is fixed, or a DELIVERED one a receiver lost. Null when there is no such delivery.
     */
    public Uni<DeliveryRow> redeliver(UUID id) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> session.find(DeliveryRow.class, id).flatMap(row -> {
            if (row == null) {
                return Uni.createFrom().nullItem();
            }
            return session.find(SubscriptionRow.class, row.subscriptionId).flatMap(subscription -> {
                if (subscription.state == SubscriptionState.DISABLED) {
                    return Uni.createFrom().failure(new RuleViolation("subscription " + subscription.id
                            + " is DISABLED; enable it first (POST /subscriptions/" + subscription.id + "/enable)"));
                }
                if (row.status == DeliveryStatus.PENDING) {
                    row.nextAttemptAt = now;
                } else {
                    row.status = DeliveryStatus.PENDING;
                    row.nextAttemptAt = now;
                    row.retryUntil = retries.retryUntil(now);
                    row.deliveredAt = null;
                }
                return session.flush().replaceWith(row);
            });
        }));
    }
}
